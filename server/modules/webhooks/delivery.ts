import type { Kysely, Selectable, Transaction } from 'kysely';
import { newId } from '../../../shared/ids';
import type { GatewayProvider } from '../../gateways/types';
import { runCommand, type EntityChange } from '../../commands/run-command';
import type { DB } from '../../db/schema';
import type { Clock } from '../../lib/clock';
import type { Logger } from '../../lib/logger';
import { startLoop, yieldToIo, type Loop } from '../../lib/loop';
import { eventBody } from './event-body';
import type { EndpointNotices } from './notices';
import {
  claimNextDelivery,
  finishDelivery,
  insertAttempt,
  type ClaimedDelivery,
  type DeliveryFinish,
} from './delivery-queue-repo';
import { endpointSnapshot } from './endpoint-repo';
import { leaseEnd } from '../../lib/retry-policy';
import { DELIVERY_POLICY, DISABLE_AFTER_FAILING_MS, nextDeliveryAttempt } from './retry';
import { inSandbox, WEBHOOKS_ACTOR } from './scope';
import { postEvent, type PostResult } from './sender';

export interface DeliveryDeps {
  db: Kysely<DB>;
  /** Wall time: backoff, leases, signature timestamps. */
  clock: Clock;
  logger: Logger;
  gateways: GatewayProvider;
  notices: EndpointNotices;
  /** How long one attempt may take, answer included. */
  timeoutMs?: number;
}

export const DEFAULT_ATTEMPT_TIMEOUT_MS = 10_000;

/** The outcome of the claimed attempt: delivered, retried later, or given up. */
function finishFor(claimed: ClaimedDelivery, result: PostResult, now: number): DeliveryFinish {
  if (result.delivered) return { status: 'succeeded' };
  const retryAt = nextDeliveryAttempt(claimed.attempts - claimed.attemptsBeforeReplay, now);
  return retryAt === null ? { status: 'failed' } : { status: 'pending', retryAt };
}

/**
 * The endpoint's run of failures: a success ends it; a failure starts it or, three days
 * into it, disables the endpoint and tells the workspace. Returns the audit change of a disable.
 */
async function trackEndpointHealth(
  trx: Transaction<DB>,
  deps: DeliveryDeps,
  claimed: ClaimedDelivery,
  delivered: boolean,
  now: number,
): Promise<EntityChange[]> {
  const current = await trx
    .selectFrom('webhook_endpoints')
    .selectAll()
    .where('id', '=', claimed.endpointId)
    .executeTakeFirstOrThrow();
  const failingSince = delivered ? null : (current.failing_since ?? now);
  const disable =
    current.status === 'enabled' && failingSince !== null && now - failingSince >= DISABLE_AFTER_FAILING_MS;
  if (!disable) {
    if (failingSince !== current.failing_since) {
      await trx
        .updateTable('webhook_endpoints')
        .set({ failing_since: failingSince })
        .where('id', '=', current.id)
        .execute();
    }
    return [];
  }
  const next: Selectable<DB['webhook_endpoints']> = {
    ...current,
    status: 'disabled',
    disabled_reason: 'failing',
    failing_since: failingSince,
    version: current.version + 1,
    updated_at: now,
  };
  const { id, tenant_id: _t, created_at: _c, ...changes } = next;
  await trx.updateTable('webhook_endpoints').set(changes).where('id', '=', id).execute();
  await deps.notices.endpointDisabled(trx, {
    tenantId: current.tenant_id,
    endpointId: id,
    url: current.url,
    failingSince,
    now,
  });
  return [
    {
      entityType: 'webhook_endpoint',
      entityId: id,
      before: endpointSnapshot(current),
      after: endpointSnapshot(next),
    },
  ];
}

/** Writes the attempt to the log and the delivery's new state, in one transaction. */
async function recordAttempt(deps: DeliveryDeps, claimed: ClaimedDelivery, result: PostResult, at: number) {
  const now = deps.clock.now();
  const scope = { db: deps.db, clock: deps.clock, tenantId: claimed.tenantId, actor: WEBHOOKS_ACTOR };
  await runCommand(scope, 'webhook_endpoint.disabled_for_failures', async (trx) => {
    const finish = finishFor(claimed, result, now);
    if (!(await finishDelivery(trx, claimed, finish, result, now))) return { result: null, changes: [] };
    await insertAttempt(trx, {
      id: newId('wat', at),
      tenant_id: claimed.tenantId,
      delivery_id: claimed.id,
      endpoint_id: claimed.endpointId,
      attempt: claimed.attempts,
      at,
      duration_ms: result.durationMs,
      outcome: result.delivered ? 'succeeded' : 'failed',
      response_code: result.responseCode,
      response_excerpt: result.responseExcerpt,
      error: result.error,
    });
    return { result: null, changes: await trackEndpointHealth(trx, deps, claimed, result.delivered, now) };
  });
}

/** Claims and sends one due delivery; false when none is due. */
export async function deliverNext(deps: DeliveryDeps): Promise<boolean> {
  const at = deps.clock.now();
  const claimed = await claimNextDelivery(deps.db, { now: at, leaseUntil: leaseEnd(at, DELIVERY_POLICY) });
  if (!claimed) return false;
  const result = await postEvent({
    url: claimed.url,
    body: eventBody(claimed.event),
    secrets: claimed.secrets,
    timestamp: Math.floor(at / 1000),
    eventId: claimed.event.id,
    sandbox: inSandbox(deps.gateways, claimed.tenantId),
    timeoutMs: deps.timeoutMs ?? DEFAULT_ATTEMPT_TIMEOUT_MS,
  });
  await recordAttempt(deps, claimed, result, at);
  if (!result.delivered) {
    deps.logger.info(
      { deliveryId: claimed.id, attempt: claimed.attempts, code: result.responseCode, err: result.error },
      'webhook delivery failed',
    );
  }
  return true;
}

/**
 * Sends every due delivery, up to `limit`, with a few senders at once so one slow receiver
 * does not hold up the rest; returns how many were attempted. Stops taking new ones once
 * `stopping` is aborted (a shutdown finishes the attempts in hand).
 */
export async function runDueDeliveries(
  deps: DeliveryDeps,
  options: { limit?: number; senders?: number; stopping?: AbortSignal } = {},
): Promise<number> {
  const limit = options.limit ?? 200;
  let attempted = 0;
  const sender = async () => {
    while (attempted < limit && !options.stopping?.aborted) {
      if (!(await deliverNext(deps))) return;
      attempted++;
      await yieldToIo();
    }
  };
  await Promise.all(Array.from({ length: options.senders ?? 4 }, sender));
  return attempted;
}

/** Sends due deliveries every `intervalMs` (at once again after a full pass); only the authority runs this. */
export function startWebhookDeliveryLoop(deps: DeliveryDeps, intervalMs = 2000): Loop {
  return startLoop({
    name: 'webhook delivery loop',
    logger: deps.logger,
    intervalMs,
    pass: (stopping) => runDueDeliveries(deps, { stopping }),
    nextDelayMs: (attempted) => (attempted === 200 ? 0 : intervalMs),
  });
}
