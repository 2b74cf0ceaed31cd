import { REPLAYABLE_STATUSES } from '../../../shared/stripe-events/schema';
import { runCommand, type CommandScope } from '../../commands/run-command';
import { DomainError, notFound } from '../../lib/errors';
import { openStripeSecret, sealStripeSecret } from './sealed-secret';
import { WEBHOOK_PATH_PREFIX } from './webhook-route';

/** Sends a failed or dead-lettered event back to the processor with a fresh set of attempts. */
export function replayStripeEvent(scope: CommandScope, eventId: string) {
  return runCommand(scope, 'stripe_event.replay', async (trx, now) => {
    const row = await trx
      .selectFrom('stripe_events')
      .select(['status', 'attempts', 'last_error'])
      .where('tenant_id', '=', scope.tenantId)
      .where('event_id', '=', eventId)
      .executeTakeFirst();
    if (!row) throw notFound('Event');
    if (!REPLAYABLE_STATUSES.includes(row.status)) {
      throw new DomainError(
        'INVALID_STATE',
        `Only failed or dead-lettered events can be replayed; this one is ${row.status}`,
      );
    }
    await trx
      .updateTable('stripe_events')
      .set({ status: 'pending', attempts: 0, next_attempt_at: now, last_error: null, processed_at: null })
      .where('tenant_id', '=', scope.tenantId)
      .where('event_id', '=', eventId)
      .execute();
    await trx
      .insertInto('stripe_event_attempts')
      .values({
        tenant_id: scope.tenantId,
        event_id: eventId,
        at: now,
        outcome: 'replayed',
        error: null,
        actor_name: scope.actor.name,
      })
      .execute();
    return {
      result: { id: eventId, status: 'pending' as const },
      changes: [
        {
          entityType: 'stripe_event',
          entityId: eventId,
          before: { status: row.status, attempts: row.attempts, lastError: row.last_error },
          after: { status: 'pending', attempts: 0 },
        },
      ],
    };
  });
}

/** What the console may know of a secret: that there is one, and its last four characters. */
function described(secret: string | undefined) {
  return secret ? { configured: true, endsWith: secret.slice(-4) } : { configured: false, endsWith: null };
}

/** Stores the tenant's webhook signing secret; the audit trail records only its last four characters. */
export function setWebhookSecret(scope: CommandScope, secret: string) {
  return runCommand(scope, 'stripe_webhook.set_secret', async (trx, now) => {
    const before = await trx
      .selectFrom('stripe_webhook_endpoints')
      .select('secret')
      .where('tenant_id', '=', scope.tenantId)
      .executeTakeFirst();
    const sealed = sealStripeSecret(scope.tenantId, secret);
    await trx
      .insertInto('stripe_webhook_endpoints')
      .values({ tenant_id: scope.tenantId, secret: sealed, updated_at: now })
      .onConflict((oc) => oc.column('tenant_id').doUpdateSet({ secret: sealed, updated_at: now }))
      .execute();
    const after = described(secret);
    return {
      result: after,
      changes: [
        {
          entityType: 'stripe_webhook_endpoint',
          entityId: scope.tenantId,
          before: before ? described(openStripeSecret(scope.tenantId, before.secret)) : null,
          after,
        },
      ],
    };
  });
}

/** Where the tenant's endpoint is, for the Stripe Dashboard, and whether it can verify deliveries. */
export async function webhookEndpointInfo(scope: Pick<CommandScope, 'db' | 'tenantId'>) {
  const row = await scope.db
    .selectFrom('stripe_webhook_endpoints')
    .select(['secret', 'updated_at'])
    .where('tenant_id', '=', scope.tenantId)
    .executeTakeFirst();
  return {
    path: `${WEBHOOK_PATH_PREFIX}${scope.tenantId}`,
    ...described(row ? openStripeSecret(scope.tenantId, row.secret) : undefined),
    updatedAt: row?.updated_at ?? null,
  };
}
