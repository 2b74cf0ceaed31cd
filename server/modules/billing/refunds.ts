import { serializeOn } from '../../db/locks';
import { newId } from '../../../shared/ids';
import { formatMoney, money } from '../../../shared/money';
import { runCommand, type CommandScope } from '../../commands/run-command';
import { GatewayError, type RefundOutcome, type RefundReason } from '../../gateways/types';
import { BugIndicatingError, DomainError, notFound } from '../../lib/errors';
import { loadCustomer, scopeFor, type StaffRequest } from './deps';
import { settleRefund, type RefundAnswer } from './refund-settlement';
import { committedRefundTotal, findPayment, findRefund, insertRefund } from './repo/payments';
import type { Refund } from './types';

/**
 * Refunds all or part of a succeeded payment through the gateway. The refund is recorded
 * (pending, counting against what is refundable) before the gateway is asked, so two
 * refunds racing can never exceed what was paid; the answer then settles it.
 */
export async function refundPayment(
  request: StaffRequest,
  input: { paymentId: string; amount?: number; reason: RefundReason },
): Promise<Refund> {
  const payment = await findPayment(request.deps.db, request.tenantId, input.paymentId);
  if (!payment) throw notFound('Payment');
  const customer = await loadCustomer(request.deps, request.tenantId, payment.customerId, false);
  const scope = await scopeFor(request, customer);
  const pending = await runCommand(scope, 'refund.requested', async (trx, now) => {
    // Refunds of one payment are weighed one at a time, so together they never exceed it.
    await serializeOn(trx, `payment-refunds:${input.paymentId}`);
    const current = await findPayment(trx, scope.tenantId, input.paymentId);
    if (!current || current.status !== 'succeeded' || !current.gatewayRef) {
      throw new DomainError(
        'INVALID_STATE',
        `Only a succeeded payment can be refunded; this one is ${current?.status ?? 'missing'}`,
      );
    }
    const refundable = current.amount - (await committedRefundTotal(trx, scope.tenantId, current.id));
    const amount = input.amount ?? refundable;
    if (refundable <= 0)
      throw new DomainError('INVALID_STATE', 'This payment has been refunded in full already');
    if (amount > refundable) {
      const most = formatMoney(money(refundable, current.currency));
      throw new DomainError('INVALID_INPUT', `At most ${most} of this payment can still be refunded`, {
        amount: [`At most ${most}`],
      });
    }
    const id = newId('re', now);
    const refund: Refund = {
      id,
      paymentId: current.id,
      invoiceId: current.invoiceId,
      customerId: current.customerId,
      amount,
      currency: current.currency,
      reason: input.reason,
      status: 'pending',
      idempotencyKey: `refund:${id}`,
      gatewayRef: null,
      failureMessage: null,
      createdAt: now,
      updatedAt: now,
    };
    await insertRefund(trx, scope.tenantId, refund);
    return {
      result: { refund, chargeRef: current.gatewayRef },
      changes: [{ entityType: 'refund', entityId: refund.id, before: null, after: { ...refund } }],
    };
  });
  let outcome: RefundOutcome;
  try {
    outcome = await request.deps.gateways.forTenant(request.tenantId).refund(
      {
        chargeRef: pending.chargeRef,
        amount: money(pending.refund.amount, pending.refund.currency),
        reason: input.reason,
      },
      pending.refund.idempotencyKey,
    );
  } catch (error) {
    const message = error instanceof GatewayError ? error.message : 'The gateway did not answer';
    outcome = { gatewayRef: '', status: 'failed', failureMessage: message };
  }
  await settleWithAnswer(scope, pending.refund.id, outcome);
  const refund = await findRefund(request.deps.db, request.tenantId, pending.refund.id);
  if (!refund) throw new BugIndicatingError(`refund ${pending.refund.id} vanished`);
  if (refund.status === 'failed')
    throw new DomainError(
      'PAYMENT_DECLINED',
      `The refund failed: ${refund.failureMessage ?? 'no reason given'}`,
    );
  return refund;
}

/** Records the gateway's answer through the one settlement path, as its own command. */
async function settleWithAnswer(scope: CommandScope, refundId: string, outcome: RefundOutcome) {
  const answer: RefundAnswer = {
    // Stripe may answer "pending" for a refund it will finish: it counts as made, as it always has.
    status: outcome.status === 'failed' ? 'failed' : 'succeeded',
    gatewayRef: outcome.gatewayRef || null,
    failureMessage: outcome.failureMessage ?? null,
  };
  await runCommand(scope, `refund.${answer.status}`, async (trx, now) => {
    const before = await findRefund(trx, scope.tenantId, refundId);
    const change =
      before && (await settleRefund(trx, { tenantId: scope.tenantId, now }, before, answer, 'command'));
    return { result: null, changes: change ? [change] : [] };
  });
}
