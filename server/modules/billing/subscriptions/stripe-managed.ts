import { createHash } from 'node:crypto';
import type Stripe from 'stripe';
import { newId } from '../../../../shared/ids';
import { runCommand } from '../../../commands/run-command';
import type { StripeSubscriptionAction } from '../../../db/schema-stripe-billing';
import { BugIndicatingError, DomainError, notFound } from '../../../lib/errors';
import type { StaffRequest } from '../deps';
import { findSubscription } from '../repo/subscriptions';
import type { Subscription } from '../types';

/**
 * Staff actions on a subscription Stripe Billing manages: Tollgate asks Stripe and changes
 * nothing itself. The request is recorded first (the console shows "waiting for Stripe")
 * and confirmed when the snapshot showing it done is applied by the mirror.
 */

interface Ask {
  action: StripeSubscriptionAction;
  /** What the request asked for, kept for the console and the confirmation. */
  params: Record<string, unknown>;
  call(stripe: Stripe, subscriptionRef: string, idempotencyKey: string): Promise<unknown>;
}

export async function stripeRef(request: StaffRequest, id: string): Promise<string | null> {
  const row = await request.deps.db
    .selectFrom('subscriptions')
    .select(['managed_by', 'gateway_ref'])
    .where('tenant_id', '=', request.tenantId)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) throw notFound('Subscription');
  if (row.managed_by !== 'stripe') return null;
  if (!row.gateway_ref) throw new BugIndicatingError(`Stripe-managed subscription ${id} has no Stripe id`);
  return row.gateway_ref;
}

/**
 * The same action on the same state is the same request (a double click sends it once);
 * once Stripe's answer is applied the version moves, and asking again is a new request.
 */
function idempotencyKey(tenantId: string, s: Subscription, ask: Ask): string {
  const params = createHash('sha256').update(JSON.stringify(ask.params)).digest('hex').slice(0, 16);
  return `tollgate:${tenantId}:${s.id}:${ask.action}:${params}:v${s.version}`;
}

function stripeMessage(error: unknown): string {
  return error instanceof Error ? error.message : 'Stripe did not answer';
}

/** Sends one request to Stripe for a Stripe-managed subscription; returns it unchanged. */
export async function askStripe(
  request: StaffRequest,
  id: string,
  ref: string,
  ask: Ask,
): Promise<Subscription> {
  const stripe = request.deps.gateways.stripeApi(request.tenantId);
  if (!stripe) throw new DomainError('INVALID_STATE', 'This workspace has no Stripe account connected');
  const s = await findSubscription(request.deps.db, request.tenantId, id);
  if (!s) throw notFound('Subscription');
  const key = idempotencyKey(request.tenantId, s, ask);
  const scope = {
    db: request.deps.db,
    tenantId: request.tenantId,
    actor: request.actor,
    clock: request.deps.wallClock,
  };
  const requestId = await runCommand(
    scope,
    `subscription.stripe_${ask.action}_requested`,
    async (trx, now) => {
      const same = await trx
        .selectFrom('stripe_subscription_requests')
        .select('id')
        .where('tenant_id', '=', request.tenantId)
        .where('idempotency_key', '=', key)
        .executeTakeFirst();
      if (same) return { result: same.id, changes: [] };
      const row = {
        id: newId('srq', now),
        tenant_id: request.tenantId,
        subscription_id: id,
        action: ask.action,
        params: JSON.stringify(ask.params),
        idempotency_key: key,
        status: 'sending' as const,
        error: null,
        requested_by: request.actor.name,
        requested_at: now,
        updated_at: now,
      };
      await trx.insertInto('stripe_subscription_requests').values(row).execute();
      return {
        result: row.id,
        changes: [{ entityType: 'stripe_subscription_request', entityId: row.id, before: null, after: row }],
      };
    },
  );
  try {
    await ask.call(stripe, ref, key);
  } catch (error) {
    await settle(request, requestId, 'failed', stripeMessage(error));
    throw new DomainError('INVALID_STATE', `Stripe refused the change: ${stripeMessage(error)}`);
  }
  await settle(request, requestId, 'sent', null);
  return s;
}

/** Records Stripe's answer; a confirmation that already arrived (the webhook was faster) stays. */
async function settle(
  request: StaffRequest,
  requestId: string,
  status: 'sent' | 'failed',
  error: string | null,
) {
  const scope = {
    db: request.deps.db,
    tenantId: request.tenantId,
    actor: request.actor,
    clock: request.deps.wallClock,
  };
  await runCommand(scope, `subscription.stripe_request_${status}`, async (trx, now) => {
    const result = await trx
      .updateTable('stripe_subscription_requests')
      .set({ status, error, updated_at: now })
      .where('id', '=', requestId)
      .where('status', '=', 'sending')
      .executeTakeFirst();
    const changed = result.numUpdatedRows === 1n;
    return {
      result: null,
      changes: changed
        ? [
            {
              entityType: 'stripe_subscription_request',
              entityId: requestId,
              before: null,
              after: { status, error },
            },
          ]
        : [],
    };
  });
}

export const stripeAsks = {
  cancel: (when: 'now' | 'period_end', prorate: boolean): Ask =>
    when === 'now'
      ? {
          action: 'cancel_now',
          params: { prorate },
          call: (stripe, ref, key) => stripe.subscriptions.cancel(ref, { prorate }, { idempotencyKey: key }),
        }
      : {
          action: 'cancel_at_period_end',
          params: {},
          call: (stripe, ref, key) =>
            stripe.subscriptions.update(ref, { cancel_at_period_end: true }, { idempotencyKey: key }),
        },
  undoCancel: (): Ask => ({
    action: 'undo_cancel',
    params: {},
    call: (stripe, ref, key) =>
      stripe.subscriptions.update(ref, { cancel_at_period_end: false }, { idempotencyKey: key }),
  }),
  /** Stripe keeps billing periods while collection is paused; its invoices are voided meanwhile. */
  pause: (resumeAt: number | null): Ask => ({
    action: 'pause_collection',
    params: { resumeAt },
    call: (stripe, ref, key) =>
      stripe.subscriptions.update(
        ref,
        {
          pause_collection: {
            behavior: 'void',
            ...(resumeAt === null ? {} : { resumes_at: Math.floor(resumeAt / 1000) }),
          },
        },
        { idempotencyKey: key },
      ),
  }),
  resume: (): Ask => ({
    action: 'resume_collection',
    params: {},
    call: (stripe, ref, key) =>
      stripe.subscriptions.update(ref, { pause_collection: '' }, { idempotencyKey: key }),
  }),
  /** Stripe prorates the change onto the next invoice, as its dashboard does by default. */
  changePrice: (priceRef: string, quantity: number): Ask => ({
    action: 'change_price',
    params: { priceRef, quantity },
    async call(stripe, ref, key) {
      const current = await stripe.subscriptions.retrieve(ref);
      const item = current.items.data[0];
      if (!item) throw new Error(`Stripe subscription ${ref} has no items`);
      return stripe.subscriptions.update(
        ref,
        { items: [{ id: item.id, price: priceRef, quantity }], proration_behavior: 'create_prorations' },
        { idempotencyKey: key },
      );
    },
  }),
};

/** The Stripe price a local price mirrors; a Tollgate-made price cannot go on a Stripe subscription. */
export async function stripePriceRef(request: StaffRequest, priceId: string): Promise<string> {
  const row = await request.deps.db
    .selectFrom('prices')
    .select('gateway_ref')
    .where('tenant_id', '=', request.tenantId)
    .where('id', '=', priceId)
    .executeTakeFirst();
  if (!row) throw notFound('Price');
  if (!row.gateway_ref) {
    throw new DomainError(
      'INVALID_INPUT',
      'Choose a price that comes from Stripe for a Stripe-managed subscription',
      {
        priceId: ['This price was made in Tollgate; Stripe does not know it'],
      },
    );
  }
  return row.gateway_ref;
}
