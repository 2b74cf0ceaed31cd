import type { Kysely, Transaction } from 'kysely';
import type { RecoveryStatus } from '../../../shared/billing/recovery-schema';
import type { EntityChange } from '../../commands/run-command';
import type { DB } from '../../db/schema';
import { BugIndicatingError } from '../../lib/errors';
import type { BillingDeps } from './deps';
import type { Invoice, Payment } from './types';

/** How an invoice came to be paid: a charge (its payment and attempt), or out of band (nulls). */
export interface PaidBy {
  paymentId: string | null;
  attempt: number | null;
  amount: number;
}

/** The recovery of one invoice as its pages show it. */
export interface RecoverySummary {
  status: RecoveryStatus;
  attempts: number;
  maxAttempts: number;
  nextAttemptAt: number | null;
  graceEndsAt: number;
  customerPaused: boolean;
}

/**
 * What billing tells failed-payment recovery, and asks of it. Recovery is a module built on
 * billing (it charges billing's invoices again and ends its subscriptions), so billing cannot
 * import it: billing declares this port, server/modules/recovery implements it, and
 * server/app/router.ts, where the modules are put together, connects the two.
 */
export interface RecoveryPort {
  /** In the failed charge's transaction: the next retry, a wait for a card, or the final action. */
  afterPaymentFailure(
    trx: Transaction<DB>,
    tenantId: string,
    invoice: Invoice,
    payment: Payment,
    now: number,
  ): Promise<EntityChange[]>;
  /** In the paying transaction: `invoice.paid`, and the invoice's recovery closed as recovered. */
  afterInvoicePaid(
    trx: Transaction<DB>,
    tenantId: string,
    invoice: Invoice,
    paidBy: PaidBy,
    now: number,
  ): Promise<EntityChange[]>;
  /** Staff closed an invoice (void, uncollectible): its recovery ends with it. */
  afterInvoiceClosedByStaff(
    trx: Transaction<DB>,
    tenantId: string,
    invoiceId: string,
    now: number,
  ): Promise<EntityChange[]>;
  /** A new card is on file: charge the customer's invoices in recovery now (outside any transaction). */
  afterPaymentMethodAdded(
    deps: BillingDeps,
    tenantId: string,
    customerId: string,
    options: { paymentMethodId?: string },
  ): Promise<void>;
  recoveryOfInvoice(db: Kysely<DB>, tenantId: string, invoiceId: string): Promise<RecoverySummary | null>;
  /** The open recovery of a subscription that ends its access soonest. */
  recoveryOfSubscription(
    db: Kysely<DB>,
    tenantId: string,
    subscriptionId: string,
  ): Promise<(RecoverySummary & { invoiceId: string }) | null>;
}

let connected: RecoveryPort | null = null;

/** Called once where the modules are assembled (server/app/router.ts). */
export function connectRecovery(port: RecoveryPort): void {
  connected = port;
}

/** Recovery, as connected; using billing without it is a wiring mistake, not a state to carry on in. */
export function recovery(): RecoveryPort {
  if (!connected) {
    throw new BugIndicatingError('Recovery is not connected to billing (server/app/router.ts connects it)');
  }
  return connected;
}
