import type { Kysely } from 'kysely';
import type { GatewayProvider } from '../../gateways/types';
import type { Services } from '../../trpc/context';
import type { Actor, CommandScope } from '../../commands/run-command';
import type { DB } from '../../db/schema';
import type { Clock } from '../../lib/clock';
import { DomainError, notFound } from '../../lib/errors';
import type { Logger } from '../../lib/logger';
import { invalidateEntitlements } from '../entitlements';
import { customerClock } from './clock';
import { findBillingCustomer, type BillingCustomer } from './repo/customer-billing';
import { findInvoice } from './repo/invoices';

/** What billing's services need from the backend. */
export interface BillingDeps {
  db: Kysely<DB>;
  gateways: GatewayProvider;
  /** The backend's own clock; customers on a test clock live on theirs instead. */
  wallClock: Clock;
  logger: Logger;
}

export const billingDeps = (services: Services): BillingDeps => ({
  db: services.db,
  gateways: services.gateways,
  wallClock: services.clock,
  logger: services.logger,
});

/** Staff acting on one customer: the command runs on that customer's clock. */
export interface StaffRequest {
  deps: BillingDeps;
  tenantId: string;
  actor: Actor;
}

export async function loadCustomer(
  deps: BillingDeps,
  tenantId: string,
  customerId: string,
  forWrite = true,
): Promise<BillingCustomer> {
  const customer = await findBillingCustomer(deps.db, tenantId, customerId);
  if (!customer) throw notFound('Customer');
  if (forWrite && customer.status !== 'active') {
    throw new DomainError(
      'INVALID_STATE',
      'This customer is archived; unarchive them before changing their billing',
    );
  }
  return customer;
}

/**
 * An invoice staff are about to act on (pay, retry, close, mark paid), with its customer
 * and the scope to act in. Stripe Billing's invoices are refused: Stripe collects them,
 * and acting here too could charge the customer twice.
 */
export async function loadInvoiceForStaff(request: StaffRequest, invoiceId: string) {
  const invoice = await findInvoice(request.deps.db, request.tenantId, invoiceId);
  if (!invoice) throw notFound('Invoice');
  if (invoice.managedBy === 'stripe') {
    throw new DomainError(
      'INVALID_STATE',
      'Stripe Billing collects this invoice; pay, void or write it off in Stripe and the change will arrive here',
    );
  }
  const customer = await loadCustomer(request.deps, request.tenantId, invoice.customerId, false);
  return { invoice, customer, scope: await scopeFor(request, customer) };
}

export async function scopeFor(request: StaffRequest, customer: BillingCustomer): Promise<CommandScope> {
  const clock = await customerClock(request.deps.db, request.deps.wallClock, request.tenantId, customer);
  return { db: request.deps.db, tenantId: request.tenantId, actor: request.actor, clock };
}

/** After a subscription change commits: the customer's features may differ now. */
export function subscriptionsChanged(tenantId: string, customerId: string): void {
  invalidateEntitlements(tenantId, customerId);
}
