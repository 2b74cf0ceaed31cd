import type { Transaction } from 'kysely';
import type { DB } from '../../db/schema';
import { formatMoney, money, type Money } from '../../../shared/money';
import { FAILURE_MESSAGES } from '../failure-messages';
import { GatewayError, type ChargeOutcome, type RefundOutcome } from '../types';
import { newSandboxRef } from './sandbox-refs';
import type { ChargeBehaviour } from './test-cards';

/**
 * Charges and refunds against `sandbox_charges`, the sandbox's own ledger. Every charge
 * attempt is recorded, declined or not, as Stripe keeps a failed charge object too.
 */

function outcomeOf(behaviour: ChargeBehaviour, ref: string): ChargeOutcome {
  if (behaviour === 'succeeds') return { status: 'succeeded', gatewayRef: ref };
  if (behaviour === 'requires_authentication') {
    return {
      status: 'requires_action',
      gatewayRef: ref,
      failureCode: 'authentication_required',
      failureMessage: FAILURE_MESSAGES.authentication_required,
    };
  }
  return {
    status: 'failed',
    gatewayRef: ref,
    failureCode: behaviour,
    failureMessage: FAILURE_MESSAGES[behaviour],
  };
}

export async function recordCharge(
  trx: Transaction<DB>,
  input: {
    tenantId: string;
    paymentMethodRef: string;
    amount: Money;
    behaviour: ChargeBehaviour;
    now: number;
  },
): Promise<ChargeOutcome> {
  if (input.amount.amount <= 0) {
    throw new GatewayError('invalid_request', 'A charge amount must be greater than zero', false);
  }
  const ref = newSandboxRef('ch');
  const outcome = outcomeOf(input.behaviour, ref);
  await trx
    .insertInto('sandbox_charges')
    .values({
      ref,
      tenant_id: input.tenantId,
      payment_method_ref: input.paymentMethodRef,
      amount: input.amount.amount,
      currency: input.amount.currency,
      amount_refunded: 0,
      status: outcome.status,
      created_at: input.now,
    })
    .execute();
  return outcome;
}

/** Refunds part or all of what is left of a succeeded charge of this tenant. */
export async function refundCharge(
  trx: Transaction<DB>,
  input: { tenantId: string; chargeRef: string; amount: Money },
): Promise<RefundOutcome> {
  const charge = await trx
    .selectFrom('sandbox_charges')
    .select(['amount', 'currency', 'amount_refunded', 'status'])
    .where('tenant_id', '=', input.tenantId)
    .where('ref', '=', input.chargeRef)
    .executeTakeFirst();
  if (!charge) {
    throw new GatewayError('invalid_request', `No such sandbox charge: "${input.chargeRef}"`, false);
  }
  if (charge.status !== 'succeeded') {
    throw new GatewayError(
      'invalid_request',
      `Charge ${input.chargeRef} did not succeed, so there is nothing to refund`,
      false,
    );
  }
  if (input.amount.currency !== charge.currency) {
    throw new GatewayError(
      'invalid_request',
      `The refund is in ${input.amount.currency} but charge ${input.chargeRef} was in ${charge.currency}`,
      false,
    );
  }
  if (input.amount.amount <= 0) {
    throw new GatewayError('invalid_request', 'A refund amount must be greater than zero', false);
  }
  const left = charge.amount - charge.amount_refunded;
  if (left === 0) {
    throw new GatewayError(
      'invalid_request',
      `Charge ${input.chargeRef} has already been refunded in full`,
      false,
    );
  }
  if (input.amount.amount > left) {
    throw new GatewayError(
      'invalid_request',
      `Refund amount (${formatMoney(input.amount)}) is greater than the ${formatMoney(money(left, charge.currency))} left to refund on charge ${input.chargeRef}`,
      false,
    );
  }
  await trx
    .updateTable('sandbox_charges')
    .set({ amount_refunded: charge.amount_refunded + input.amount.amount })
    .where('tenant_id', '=', input.tenantId)
    .where('ref', '=', input.chargeRef)
    .execute();
  return { gatewayRef: newSandboxRef('re'), status: 'succeeded' };
}
