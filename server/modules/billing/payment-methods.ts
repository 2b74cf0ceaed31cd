import { randomUUID } from 'node:crypto';
import { newId } from '../../../shared/ids';
import { runCommand, type EntityChange } from '../../commands/run-command';
import { GatewayError } from '../../gateways/types';
import { DomainError, notFound } from '../../lib/errors';
import { loadCustomer, scopeFor, type StaffRequest } from './deps';
import { recovery } from './recovery-port';
import { setDefaultPaymentMethod, setGatewayCustomerRef } from './repo/customer-billing';
import {
  findPaymentMethod,
  insertPaymentMethod,
  markDetached,
  toPaymentMethod,
} from './repo/payment-methods';
import { subscriptionsOfCustomer } from './repo/subscriptions';
import { amend, persist } from './transitions';
import type { PaymentMethod } from './types';

/** Gateway refusals become errors staff can act on; nothing else about the gateway leaks. */
function asDomainError(error: unknown): never {
  if (error instanceof GatewayError) {
    // A card error with no failure code is a malformed card, not a decline.
    if (error.kind === 'card' && !error.failureCode) {
      throw new DomainError('INVALID_INPUT', error.message, { source: [error.message] });
    }
    if (error.kind === 'card') {
      throw new DomainError('PAYMENT_DECLINED', error.message, { source: [error.message] });
    }
    if (error.kind === 'rate_limited')
      throw new DomainError('RATE_LIMITED', 'The payment gateway is busy; try again in a moment');
    if (error.kind === 'invalid_request')
      throw new DomainError('INVALID_INPUT', error.message, { source: [error.message] });
    throw new DomainError('INVALID_STATE', `The payment gateway could not be reached: ${error.message}`);
  }
  throw error;
}

/** The customer's id at the gateway, created the first time it is needed. */
async function ensureGatewayCustomer(
  request: StaffRequest,
  customer: Awaited<ReturnType<typeof loadCustomer>>,
): Promise<string> {
  if (customer.gatewayCustomerRef) return customer.gatewayCustomerRef;
  const { gatewayCustomerId } = await request.deps.gateways
    .forTenant(request.tenantId)
    .createCustomer(
      { customerId: customer.id, email: customer.email, name: customer.name },
      `customer:${customer.id}`,
    )
    .catch(asDomainError);
  await setGatewayCustomerRef(request.deps.db, request.tenantId, customer.id, gatewayCustomerId);
  return gatewayCustomerId;
}

/**
 * Saves a card on the customer through the gateway (a test card number in sandbox mode,
 * a Stripe PaymentMethod id otherwise). Only brand, last four digits and expiry are kept.
 * The customer's first card becomes their default.
 */
export async function addPaymentMethod(
  request: StaffRequest,
  input: { customerId: string; source: string; makeDefault: boolean },
): Promise<PaymentMethod> {
  const customer = await loadCustomer(request.deps, request.tenantId, input.customerId);
  const gatewayCustomerId = await ensureGatewayCustomer(request, customer);
  const attached = await request.deps.gateways
    .forTenant(request.tenantId)
    .attachPaymentMethod({ gatewayCustomerId, source: input.source }, `attach:${customer.id}:${randomUUID()}`)
    .catch(asDomainError);
  const scope = await scopeFor(request, customer);
  const saved = await runCommand(scope, 'payment_method.added', async (trx, now) => {
    const id = newId('pm', now);
    const record = {
      id,
      customerId: customer.id,
      gateway: request.deps.gateways.name,
      gatewayRef: attached.gatewayRef,
      brand: attached.brand,
      last4: attached.last4,
      expMonth: attached.expMonth,
      expYear: attached.expYear,
      status: 'active' as const,
      createdAt: now,
    };
    await insertPaymentMethod(trx, scope.tenantId, record);
    const becomesDefault = input.makeDefault || customer.defaultPaymentMethodId === null;
    if (becomesDefault) await setDefaultPaymentMethod(trx, scope.tenantId, customer.id, id);
    const method: PaymentMethod = { ...record, isDefault: becomesDefault };
    return {
      result: method,
      changes: [{ entityType: 'payment_method', entityId: id, before: null, after: { ...method } }],
    };
  });
  // A new card is the moment to try failed invoices again, with it, rather than at the next retry.
  await recovery().afterPaymentMethodAdded(request.deps, request.tenantId, customer.id, {
    paymentMethodId: saved.id,
  });
  return saved;
}

export async function setDefaultMethod(request: StaffRequest, id: string): Promise<PaymentMethod> {
  const row = await findPaymentMethod(request.deps.db, request.tenantId, id);
  if (!row || row.status !== 'active') throw notFound('Payment method');
  const customer = await loadCustomer(request.deps, request.tenantId, row.customer_id);
  const scope = await scopeFor(request, customer);
  return runCommand(scope, 'payment_method.made_default', async (trx) => {
    await setDefaultPaymentMethod(trx, scope.tenantId, customer.id, id);
    const before = toPaymentMethod(row, customer.defaultPaymentMethodId);
    const after = toPaymentMethod(row, id);
    return {
      result: after,
      changes: [{ entityType: 'payment_method', entityId: id, before: { ...before }, after: { ...after } }],
    };
  });
}

/**
 * Detaches a card at the gateway and forgets it. Subscriptions that named it fall back to
 * the customer's default; if it was the default, the customer has none until another is chosen.
 */
export async function removePaymentMethod(request: StaffRequest, id: string): Promise<void> {
  const row = await findPaymentMethod(request.deps.db, request.tenantId, id);
  if (!row || row.status !== 'active') throw notFound('Payment method');
  const customer = await loadCustomer(request.deps, request.tenantId, row.customer_id, false);
  await request.deps.gateways
    .forTenant(request.tenantId)
    .detachPaymentMethod({ gatewayRef: row.gateway_ref }, `detach:${id}`)
    .catch(asDomainError);
  const scope = await scopeFor(request, customer);
  await runCommand(scope, 'payment_method.removed', async (trx, now) => {
    await markDetached(trx, scope.tenantId, id, now);
    if (customer.defaultPaymentMethodId === id)
      await setDefaultPaymentMethod(trx, scope.tenantId, customer.id, null);
    const before = toPaymentMethod(row, customer.defaultPaymentMethodId);
    const changes: EntityChange[] = [
      {
        entityType: 'payment_method',
        entityId: id,
        before: { ...before },
        after: { ...before, status: 'detached', isDefault: false },
      },
    ];
    for (const s of await subscriptionsOfCustomer(trx, scope.tenantId, customer.id)) {
      if (s.paymentMethodId === id)
        changes.push(await persist(trx, scope.tenantId, s, amend(s, { paymentMethodId: null }, now)));
    }
    return { result: null, changes };
  });
}
