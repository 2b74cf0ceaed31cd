import { serializeOn } from '../../db/locks';
import type { Kysely, Transaction } from 'kysely';
import { newId } from '../../../shared/ids';
import { money } from '../../../shared/money';
import type { GatewayProvider } from '../../gateways/types';
import {
  runCommand,
  type CommandOutcome,
  type CommandScope,
  type EntityChange,
} from '../../commands/run-command';
import type { DB } from '../../db/schema';
import { GatewayError, type ChargeOutcome } from '../../gateways/types';
import type { Clock } from '../../lib/clock';
import { BugIndicatingError } from '../../lib/errors';
import { scheduleJob } from '../../jobs/store';
import { amountRemaining } from './invoicing';
import { findBillingCustomer } from './repo/customer-billing';
import { findInvoice, updateInvoice } from './repo/invoices';
import { findPaymentMethod } from './repo/payment-methods';
import { findPayment, insertPayment, paymentsOfInvoice, settlePayment } from './repo/payments';
import { findSubscription } from './repo/subscriptions';
import { recovery } from './recovery-port';
import { afterInvoicePaid } from './subscription-outcomes';
import type { Invoice, Payment } from './types';

export interface CollectionDeps {
  db: Kysely<DB>;
  gateways: GatewayProvider;
  /** Wall time: the reconcile job runs on it even for customers on a test clock. */
  wallClock: Clock;
}

export type CollectionResult =
  | { outcome: 'paid' | 'failed' | 'requires_action'; payment: Payment; invoice: Invoice }
  /** Another attempt is under way (or awaiting reconciliation): starting a second could charge twice. */
  | { outcome: 'in_progress'; payment: Payment; invoice: Invoice }
  | { outcome: 'nothing_due' | 'no_payment_method'; invoice: Invoice }
  | { outcome: 'gateway_unavailable'; payment: Payment; invoice: Invoice; message: string };

/** How long a payment may stay pending before the reconcile job asks the gateway again. */
export const RECONCILE_AFTER_MS = 10 * 60_000;

interface Attempt {
  payment: Payment;
  gatewayCustomerRef: string;
  paymentMethodRef: string;
}

type Started =
  | { kind: 'attempt'; invoice: Invoice; attempt: Attempt }
  | { kind: 'in_progress'; invoice: Invoice; payment: Payment }
  | { kind: 'nothing_due' | 'no_payment_method'; invoice: Invoice };

/** Phase 1: record a pending payment (with its idempotency key) before any money moves. */
async function startAttempt(
  deps: CollectionDeps,
  scope: CommandScope,
  invoiceId: string,
  usingMethodId?: string,
): Promise<Started> {
  return runCommand<Started>(scope, 'payment.started', async (trx, now) => {
    // One attempt at a time per invoice, whichever instance starts it.
    await serializeOn(trx, `invoice-collection:${invoiceId}`);
    const invoice = await findInvoice(trx, scope.tenantId, invoiceId);
    if (!invoice) throw new BugIndicatingError(`invoice ${invoiceId} not found for collection`);
    // Stripe Billing collects its own invoices; charging them here too would charge twice.
    if (invoice.status !== 'open' || amountRemaining(invoice) === 0 || invoice.managedBy === 'stripe')
      return { result: { kind: 'nothing_due', invoice }, changes: [] };
    const inFlight = (await paymentsOfInvoice(trx, scope.tenantId, invoice.id)).find(
      (p) => p.status === 'pending',
    );
    if (inFlight) return { result: { kind: 'in_progress', invoice, payment: inFlight }, changes: [] };
    const customer = await findBillingCustomer(trx, scope.tenantId, invoice.customerId);
    const subscription = invoice.subscriptionId
      ? await findSubscription(trx, scope.tenantId, invoice.subscriptionId)
      : undefined;
    const methodId =
      usingMethodId ?? subscription?.paymentMethodId ?? customer?.defaultPaymentMethodId ?? null;
    const method = methodId ? await findPaymentMethod(trx, scope.tenantId, methodId) : undefined;
    const usable = method?.status === 'active' && method.customer_id === invoice.customerId;
    if (!customer?.gatewayCustomerRef || !method || !usable) {
      return { result: { kind: 'no_payment_method', invoice }, changes: [] };
    }
    const attemptNumber = invoice.attemptCount + 1;
    const payment: Payment = {
      id: newId('pay', now),
      customerId: invoice.customerId,
      invoiceId: invoice.id,
      paymentMethodId: method.id,
      amount: amountRemaining(invoice),
      currency: invoice.currency,
      status: 'pending',
      idempotencyKey: `charge:${invoice.id}:${attemptNumber}`,
      gateway: deps.gateways.name,
      gatewayRef: null,
      failureCode: null,
      failureMessage: null,
      amountRefunded: 0,
      attemptNumber,
      createdAt: now,
      updatedAt: now,
    };
    await insertPayment(trx, scope.tenantId, payment);
    await updateInvoice(trx, scope.tenantId, invoice.id, { attemptCount: attemptNumber }, now);
    // If this process dies before the gateway answers, a job finishes the attempt with the same key.
    await scheduleJob(
      trx,
      {
        tenantId: scope.tenantId,
        kind: 'payment.reconcile',
        runAt: deps.wallClock.now() + RECONCILE_AFTER_MS,
        payload: { paymentId: payment.id },
        dedupeKey: `reconcile:${payment.id}`,
        testClockId: null,
      },
      now,
    );
    const attempt: Attempt = {
      payment,
      gatewayCustomerRef: customer.gatewayCustomerRef,
      paymentMethodRef: method.gateway_ref,
    };
    return {
      result: { kind: 'attempt', invoice, attempt },
      changes: [{ entityType: 'payment', entityId: payment.id, before: null, after: { ...payment } }],
    };
  });
}

/** Asks the gateway to charge, with the payment's own idempotency key: asking twice charges once. */
export async function chargeAttempt(
  deps: CollectionDeps,
  tenantId: string,
  attempt: Attempt,
  invoice: Invoice,
): Promise<ChargeOutcome> {
  return deps.gateways.forTenant(tenantId).charge(
    {
      gatewayCustomerId: attempt.gatewayCustomerRef,
      paymentMethodRef: attempt.paymentMethodRef,
      amount: money(attempt.payment.amount, attempt.payment.currency),
      description: `Invoice ${invoice.number ?? invoice.id}`,
      metadata: { invoice_id: invoice.id, payment_id: attempt.payment.id },
    },
    attempt.payment.idempotencyKey,
  );
}

/** Phase 2: record the gateway's answer, and what it means for the invoice and subscription. */
export async function settleAttempt(scope: CommandScope, paymentId: string, outcome: ChargeOutcome) {
  return runCommand(scope, settlementAction(outcome), (trx, now) =>
    settleAttemptIn(trx, { ...scope, now }, paymentId, outcome),
  );
}

/** The audit action of recording `outcome`. */
export const settlementAction = (outcome: ChargeOutcome) =>
  outcome.status === 'succeeded' ? 'payment.succeeded' : 'payment.failed';

/**
 * settleAttempt's work inside the caller's transaction (a Stripe webhook orders its event
 * and settles in one). Only a pending payment moves, except that a success also finishes a
 * payment awaiting authentication: the customer completed 3-D Secure later. A recorded
 * success or failure never changes: it is reported as it stands.
 */
export async function settleAttemptIn(
  trx: Transaction<DB>,
  scope: { tenantId: string; now: number },
  paymentId: string,
  outcome: ChargeOutcome,
): Promise<CommandOutcome<{ payment: Payment; invoice: Invoice }>> {
  const { tenantId, now } = scope;
  const succeeded = outcome.status === 'succeeded';
  const before = await findPayment(trx, tenantId, paymentId);
  if (!before) throw new BugIndicatingError(`payment ${paymentId} vanished`);
  // A start must not see this payment settled but its invoice still open (PostgreSQL reads each statement apart).
  await serializeOn(trx, `invoice-collection:${before.invoiceId}`);
  const settled = await settlePayment(
    trx,
    tenantId,
    paymentId,
    succeeded
      ? { status: 'succeeded', gatewayRef: outcome.gatewayRef, failureCode: null, failureMessage: null }
      : {
          status: outcome.status,
          gatewayRef: outcome.gatewayRef,
          failureCode: outcome.failureCode,
          failureMessage: outcome.failureMessage,
        },
    now,
    succeeded ? ['pending', 'requires_action'] : ['pending'],
  );
  const payment = (await findPayment(trx, tenantId, paymentId)) ?? before;
  const current = await findInvoice(trx, tenantId, payment.invoiceId);
  if (!current) throw new BugIndicatingError(`invoice of payment ${paymentId} vanished`);
  // Already settled (the reconcile job and the caller raced): report what was recorded.
  if (!settled) return { result: { payment, invoice: current }, changes: [] };
  const changes: EntityChange[] = [
    { entityType: 'payment', entityId: payment.id, before: { ...before }, after: { ...payment } },
  ];
  // Money that arrives after the invoice was closed (paid by another attempt, voided) is
  // recorded on the payment, for staff to refund, but does not reopen or re-pay the invoice.
  if (current.status !== 'open') return { result: { payment, invoice: current }, changes };
  if (succeeded) {
    const amountPaid = current.amountPaid + payment.amount;
    const fullyPaid = amountPaid >= current.amountDue;
    await updateInvoice(
      trx,
      tenantId,
      current.id,
      { amountPaid, ...(fullyPaid && { status: 'paid', paidAt: now, nextAttemptAt: null }) },
      now,
    );
  }
  const invoice = (await findInvoice(trx, tenantId, current.id)) ?? current;
  changes.push({
    entityType: 'invoice',
    entityId: invoice.id,
    before: { ...current },
    after: { ...invoice },
  });
  if (invoice.status === 'paid') {
    const paidBy = { paymentId, attempt: payment.attemptNumber, amount: payment.amount };
    changes.push(...(await recovery().afterInvoicePaid(trx, tenantId, invoice, paidBy, now)));
    changes.push(...(await afterInvoicePaid(trx, tenantId, invoice, now)));
  } else if (!succeeded) {
    // In this same transaction: the failure, and the retry (or final action) it leads to.
    changes.push(...(await recovery().afterPaymentFailure(trx, tenantId, invoice, payment, now)));
  }
  return { result: { payment, invoice }, changes };
}

/**
 * Collects an open invoice from its payment method: records the attempt, charges the
 * gateway outside any transaction (money moves on someone else's system), then records
 * the outcome. A crash between the steps leaves a pending payment that the reconcile
 * job completes with the same idempotency key, so nothing is charged twice or lost.
 */
export async function collectInvoice(
  deps: CollectionDeps,
  scope: CommandScope,
  invoiceId: string,
  /** Charge this card rather than the usual one (a card just added to rescue a failed invoice). */
  options: { paymentMethodId?: string } = {},
): Promise<CollectionResult> {
  const started = await startAttempt(deps, scope, invoiceId, options.paymentMethodId);
  if (started.kind === 'in_progress')
    return { outcome: 'in_progress', payment: started.payment, invoice: started.invoice };
  if (started.kind !== 'attempt') return { outcome: started.kind, invoice: started.invoice };
  let outcome: ChargeOutcome;
  try {
    outcome = await chargeAttempt(deps, scope.tenantId, started.attempt, started.invoice);
  } catch (error) {
    if (error instanceof GatewayError && error.kind !== 'card') {
      return {
        outcome: 'gateway_unavailable',
        payment: started.attempt.payment,
        invoice: started.invoice,
        message: error.message,
      };
    }
    if (error instanceof GatewayError) {
      outcome = {
        status: 'failed',
        gatewayRef: null,
        failureCode: error.failureCode ?? 'card_declined',
        failureMessage: error.message,
      };
    } else {
      throw error;
    }
  }
  const { payment, invoice } = await settleAttempt(scope, started.attempt.payment.id, outcome);
  return {
    outcome:
      payment.status === 'succeeded'
        ? 'paid'
        : payment.status === 'requires_action'
          ? 'requires_action'
          : 'failed',
    payment,
    invoice,
  };
}
