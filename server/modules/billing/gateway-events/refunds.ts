import type { Transaction } from 'kysely';
import { newId } from '../../../../shared/ids';
import type { EntityChange } from '../../../commands/run-command';
import type { DB } from '../../../db/schema';
import { REFUND_REASONS, type RefundReason } from '../../../gateways/types';
import { bookRefund, settleRefund } from '../refund-settlement';
import { committedRefundTotal, insertRefund, toRefund } from '../repo/payments';
import type { Payment, Refund } from '../types';

/** A refund as the gateway lists it for a charge. */
export interface GatewayRefund {
  gatewayRef: string;
  amount: number;
  currency: string;
  /** The gateway's reason; null when none was given (common for refunds made in a dashboard). */
  reason: string | null;
  /** Only succeeded and pending ones have moved (or are moving) money. */
  status: string;
}

type Scope = { tenantId: string; now: number };

/** The reason we keep: the gateway's when it is one of ours, else "requested by customer" (a dashboard refund's usual cause). */
const reasonOf = (reason: string | null): RefundReason =>
  REFUND_REASONS.find((known) => known === reason) ?? 'requested_by_customer';

async function refundsOfPayment(trx: Transaction<DB>, tenantId: string, paymentId: string) {
  const rows = await trx
    .selectFrom('refunds')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('payment_id', '=', paymentId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return rows.map(toRefund);
}

/**
 * Brings a payment's refunds in line with the gateway's list for its charge. Each gateway
 * refund is recorded once, by its id. One we do not know yet is first matched to a refund
 * Tollgate itself is making (pending, not yet answered, same amount): that refund is
 * settled with it, exactly as the gateway's answer would have. Any other is a refund made
 * outside Tollgate (a dashboard) and is recorded as such. Amounts are conserved: what
 * is recorded never exceeds the payment; a list that would exceed it (one of our own
 * refunds still in flight) is refused, for the inbox to retry once that refund settles.
 */
export async function recordGatewayRefunds(
  trx: Transaction<DB>,
  scope: Scope,
  payment: Payment,
  listed: readonly GatewayRefund[],
): Promise<EntityChange[]> {
  if (payment.status !== 'succeeded') {
    throw new Error(
      `payment ${payment.id} is ${payment.status}, not yet succeeded: its refunds wait for that`,
    );
  }
  const ours = await refundsOfPayment(trx, scope.tenantId, payment.id);
  const known = new Set(ours.map((r) => r.gatewayRef));
  const inFlight = ours.filter((r) => r.status === 'pending' && r.gatewayRef === null);
  const changes: EntityChange[] = [];
  for (const refund of listed) {
    if (known.has(refund.gatewayRef) || (refund.status !== 'succeeded' && refund.status !== 'pending'))
      continue;
    if (refund.currency.toLowerCase() !== payment.currency.toLowerCase()) {
      throw new Error(
        `refund ${refund.gatewayRef} is in ${refund.currency}, payment ${payment.id} in ${payment.currency}`,
      );
    }
    const claimed = inFlight.findIndex((r) => r.amount === refund.amount);
    const change =
      claimed >= 0
        ? await settleRefund(
            trx,
            scope,
            inFlight.splice(claimed, 1)[0] as Refund,
            { status: 'succeeded', gatewayRef: refund.gatewayRef, failureMessage: null },
            'gateway',
          )
        : await recordOutsideRefund(trx, scope, payment, refund);
    if (change) changes.push(change);
    known.add(refund.gatewayRef);
  }
  return changes;
}

async function recordOutsideRefund(
  trx: Transaction<DB>,
  scope: Scope,
  payment: Payment,
  listed: GatewayRefund,
): Promise<EntityChange> {
  const committed = await committedRefundTotal(trx, scope.tenantId, payment.id);
  if (committed + listed.amount > payment.amount) {
    throw new Error(
      `refund ${listed.gatewayRef} of ${listed.amount} would take payment ${payment.id} past its amount (${committed} of ${payment.amount} already refunded or in flight)`,
    );
  }
  const refund: Refund = {
    id: newId('re', scope.now),
    paymentId: payment.id,
    invoiceId: payment.invoiceId,
    customerId: payment.customerId,
    amount: listed.amount,
    currency: payment.currency,
    reason: reasonOf(listed.reason),
    status: 'succeeded',
    // The gateway's id makes the key: a second report of the same refund cannot insert again.
    idempotencyKey: `gateway-refund:${listed.gatewayRef}`,
    gatewayRef: listed.gatewayRef,
    failureMessage: null,
    createdAt: scope.now,
    updatedAt: scope.now,
  };
  await insertRefund(trx, scope.tenantId, refund);
  await bookRefund(trx, scope, refund, 'gateway');
  return { entityType: 'refund', entityId: refund.id, before: null, after: { ...refund } };
}
