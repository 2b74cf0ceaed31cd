import type { Kysely, Transaction } from 'kysely';
import type { EntityChange } from '../../../commands/run-command';
import type { DB } from '../../../db/schema';
import type { ChargeOutcome } from '../../../gateways/types';
import { settleAttemptIn } from '../collection';
import { findPayment, toPayment } from '../repo/payments';
import type { Payment } from '../types';

type Db = Kysely<DB> | Transaction<DB>;

/** What a gateway says identifies one of our payments: its charge reference, or our id in its metadata. */
export interface GatewayPaymentRef {
  gatewayRef: string;
  paymentId: string | null;
  amount: number;
  currency: string;
}

/**
 * Our payment behind a gateway charge: by its reference, else by the payment id our
 * metadata carries (a process that died before recording the reference). The metadata
 * route must agree on amount and currency and name no other charge, so a foreign object
 * that copied our metadata is not mistaken for ours.
 */
export async function findPaymentOfCharge(
  db: Db,
  tenantId: string,
  ref: GatewayPaymentRef,
): Promise<Payment | undefined> {
  const row = await db
    .selectFrom('payments')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('gateway_ref', '=', ref.gatewayRef)
    .executeTakeFirst();
  if (row) return toPayment(row);
  if (!ref.paymentId) return undefined;
  const named = await findPayment(db, tenantId, ref.paymentId);
  const agrees =
    named &&
    named.gatewayRef === null &&
    named.amount === ref.amount &&
    named.currency.toLowerCase() === ref.currency.toLowerCase();
  return agrees ? named : undefined;
}

export type GatewaySettlement = 'settled' | 'unchanged' | 'conflict';

/**
 * Records what the gateway now says about a payment. A pending payment settles as a
 * collection attempt would (invoice, events, subscription); one awaiting authentication
 * completes on success, and on a real decline is marked failed without a second failure
 * event (its failure was recorded when it first needed authentication). A recorded
 * success or failure never flips: a contrary report is a 'conflict' for staff to see.
 */
export async function settleFromGateway(
  trx: Transaction<DB>,
  scope: { tenantId: string; now: number },
  payment: Payment,
  outcome: ChargeOutcome,
): Promise<{ settlement: GatewaySettlement; changes: EntityChange[] }> {
  if (payment.status === outcome.status) return { settlement: 'unchanged', changes: [] };
  switch (payment.status) {
    case 'succeeded':
    case 'failed':
      return { settlement: 'conflict', changes: [] };
    case 'requires_action':
      if (outcome.status === 'failed') {
        return {
          settlement: 'settled',
          changes: [await markAuthenticationFailed(trx, scope, payment, outcome)],
        };
      }
      break;
    case 'pending':
      break;
  }
  const { changes } = await settleAttemptIn(trx, scope, payment.id, outcome);
  return { settlement: changes.length > 0 ? 'settled' : 'unchanged', changes };
}

async function markAuthenticationFailed(
  trx: Transaction<DB>,
  scope: { tenantId: string; now: number },
  payment: Payment,
  outcome: Exclude<ChargeOutcome, { status: 'succeeded' }>,
): Promise<EntityChange> {
  await trx
    .updateTable('payments')
    .set({
      status: 'failed',
      failure_code: outcome.failureCode,
      failure_message: outcome.failureMessage,
      updated_at: scope.now,
    })
    .where('tenant_id', '=', scope.tenantId)
    .where('id', '=', payment.id)
    .where('status', '=', 'requires_action')
    .execute();
  const after: Payment = {
    ...payment,
    status: 'failed',
    failureCode: outcome.failureCode,
    failureMessage: outcome.failureMessage,
    updatedAt: scope.now,
  };
  return { entityType: 'payment', entityId: payment.id, before: { ...payment }, after: { ...after } };
}
