import type { Transaction } from 'kysely';
import type Stripe from 'stripe';
import type { DB } from '../../db/schema';
import { confirmStripeRequests } from '../billing';
import { requestDone, type RequestParams } from './request-goals';

/**
 * Marks a subscription's open staff requests confirmed when the applied snapshot is the
 * one the request caused (`idempotencyKey`) or shows its effect.
 */
export async function confirmRequests(
  trx: Transaction<DB>,
  tenantId: string,
  subscriptionId: string,
  subscription: Stripe.Subscription,
  idempotencyKey: string | null,
  now: number,
): Promise<void> {
  const open = await trx
    .selectFrom('stripe_subscription_requests')
    .select(['id', 'action', 'params', 'idempotency_key'])
    .where('tenant_id', '=', tenantId)
    .where('subscription_id', '=', subscriptionId)
    .where('status', 'in', ['sending', 'sent'])
    .execute();
  const done = open.filter(
    (request) =>
      request.idempotency_key === idempotencyKey ||
      requestDone(request.action, JSON.parse(request.params) as RequestParams, subscription),
  );
  await confirmStripeRequests(
    trx,
    tenantId,
    done.map((request) => request.id),
    now,
  );
}
