import type { Selectable } from 'kysely';
import { newId } from '../../../shared/ids';
import type {
  CreateWebhookEndpointInput,
  RollWebhookSecretInput,
  UpdateWebhookEndpointInput,
  WebhookEndpointDeleted,
  WebhookEndpointView,
  WebhookSecretAnswer,
} from '../../../shared/webhooks/schema';
import {
  createWebhookEndpointInput,
  rollWebhookSecretInput,
  updateWebhookEndpointInput,
} from '../../../shared/webhooks/schema';
import { runCommand, type EntityChange } from '../../commands/run-command';
import type { DB } from '../../db/schema';
import { DomainError, notFound } from '../../lib/errors';
import { deleteEndpointRows } from './cleanup-repo';
import {
  endpointSnapshot,
  endpointView,
  findEndpointRow,
  insertEndpoint,
  listEndpoints,
  saveEndpoint,
  toEndpoint,
} from './endpoint-repo';
import { schedulePrune } from './retention';
import { commandScope, inSandbox, type WebhooksContext } from './scope';
import { expiringSecretsColumn, hintOf, rollSecret } from './secrets';
import { newSigningSecret } from './signing';
import { checkEndpointUrl } from './url-guard';

type EndpointRow = Selectable<DB['webhook_endpoints']>;

/** More than any platform app needs; a cap keeps a runaway script from fanning every event out a thousand times. */
export const MAX_ENDPOINTS_PER_TENANT = 20;

const DAY_MS = 24 * 60 * 60 * 1000;

function change(before: EndpointRow | null, after: EndpointRow | null): EntityChange {
  return {
    entityType: 'webhook_endpoint',
    entityId: (after ?? before)?.id ?? '',
    before: before && endpointSnapshot(before),
    after: after && endpointSnapshot(after),
  };
}

export function webhookEndpoints(ctx: WebhooksContext): Promise<WebhookEndpointView[]> {
  return listEndpoints(ctx.db, ctx.tenantId, ctx.clock.now());
}

/** Makes an endpoint; its secret is in the answer and nowhere else it could be read back. */
export async function createEndpoint(
  ctx: WebhooksContext,
  raw: CreateWebhookEndpointInput,
): Promise<WebhookSecretAnswer> {
  const input = createWebhookEndpointInput.parse(raw);
  const url = checkEndpointUrl(input.url, { sandbox: inSandbox(ctx.gateways, ctx.tenantId) });
  const secret = newSigningSecret();
  return runCommand(commandScope(ctx), 'webhook_endpoint.created', async (trx, now) => {
    const count = await trx
      .selectFrom('webhook_endpoints')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('tenant_id', '=', ctx.tenantId)
      .executeTakeFirstOrThrow();
    if (Number(count.n) >= MAX_ENDPOINTS_PER_TENANT) {
      throw new DomainError(
        'INVALID_STATE',
        `A workspace may have at most ${MAX_ENDPOINTS_PER_TENANT} webhook endpoints; delete one it no longer uses, or edit one to point elsewhere`,
      );
    }
    const row: EndpointRow = {
      id: newId('we', now),
      tenant_id: ctx.tenantId,
      url: url.toString(),
      description: input.description,
      event_types: JSON.stringify(input.eventTypes),
      status: 'enabled',
      disabled_reason: null,
      secret_hint: hintOf(secret),
      failing_since: null,
      expiring_secrets: null,
      version: 1,
      created_at: now,
      updated_at: now,
    };
    await insertEndpoint(trx, row, secret);
    // The delivery log's retention starts with the workspace's first endpoint.
    await schedulePrune(trx, ctx.tenantId, now + DAY_MS, now);
    return { result: { endpoint: toEndpoint(row, null, now), secret }, changes: [change(null, row)] };
  });
}

async function loadForWrite(ctx: WebhooksContext, trx: Parameters<typeof findEndpointRow>[0], id: string) {
  const row = await findEndpointRow(trx, ctx.tenantId, id);
  if (!row) throw notFound('Webhook endpoint');
  return row;
}

async function save(trx: Parameters<typeof saveEndpoint>[0], current: EndpointRow, next: EndpointRow) {
  if (!(await saveEndpoint(trx, next, current.version))) {
    throw new DomainError('CONFLICT', 'This endpoint changed while saving; reload and try again.');
  }
}

/**
 * Turns an endpoint on or off. Turning it on checks its URL again (the workspace may have
 * left the sandbox) and forgets past failures; deliveries held while it was off go out.
 */
export async function setEndpointEnabled(
  ctx: WebhooksContext,
  input: { id: string; enabled: boolean },
): Promise<WebhookEndpointView> {
  const sandbox = inSandbox(ctx.gateways, ctx.tenantId);
  const action = input.enabled ? 'webhook_endpoint.enabled' : 'webhook_endpoint.disabled';
  return runCommand(commandScope(ctx), action, async (trx, now) => {
    const current = await loadForWrite(ctx, trx, input.id);
    if (input.enabled) checkEndpointUrl(current.url, { sandbox });
    const wanted = input.enabled ? 'enabled' : 'disabled';
    if (current.status === wanted) return { result: await endpointView(trx, current, now), changes: [] };
    const next: EndpointRow = {
      ...current,
      status: wanted,
      disabled_reason: input.enabled ? null : 'staff',
      failing_since: null,
      version: current.version + 1,
      updated_at: now,
    };
    await save(trx, current, next);
    return { result: await endpointView(trx, next, now), changes: [change(current, next)] };
  });
}

/**
 * Edits an endpoint's URL, event types or description. A new URL passes the same guard as a
 * new endpoint's and starts with a clean health record (the failures were another address's);
 * deliveries already queued go to it. Event types apply to events from now on: what was
 * queued for a type no longer wanted is still sent, as it was wanted when it happened.
 */
export async function updateEndpoint(
  ctx: WebhooksContext,
  raw: UpdateWebhookEndpointInput,
): Promise<WebhookEndpointView> {
  const { id, patch } = updateWebhookEndpointInput.parse(raw);
  const url =
    patch.url === undefined
      ? undefined
      : checkEndpointUrl(patch.url, { sandbox: inSandbox(ctx.gateways, ctx.tenantId) }).toString();
  return runCommand(commandScope(ctx), 'webhook_endpoint.updated', async (trx, now) => {
    const current = await loadForWrite(ctx, trx, id);
    const next: EndpointRow = {
      ...current,
      url: url ?? current.url,
      description: patch.description ?? current.description,
      event_types: patch.eventTypes ? JSON.stringify(patch.eventTypes) : current.event_types,
      failing_since: url !== undefined && url !== current.url ? null : current.failing_since,
    };
    const same = (['url', 'description', 'event_types'] as const).every((k) => next[k] === current[k]);
    if (same) return { result: await endpointView(trx, current, now), changes: [] };
    const saved = { ...next, version: current.version + 1, updated_at: now };
    await save(trx, current, saved);
    return { result: await endpointView(trx, saved, now), changes: [change(current, saved)] };
  });
}

/**
 * Deletes an endpoint. Its pending deliveries are cancelled (never sent) and its delivery log
 * goes with it: the log is reachable only through the endpoint, it would be pruned within 30
 * days anyway, and the audit trail keeps the endpoint as it was (URL, event types) and who
 * deleted it. An attempt already on the wire when this commits finishes unrecorded.
 */
export async function deleteEndpoint(ctx: WebhooksContext, id: string): Promise<WebhookEndpointDeleted> {
  return runCommand(commandScope(ctx), 'webhook_endpoint.deleted', async (trx) => {
    const current = await loadForWrite(ctx, trx, id);
    const cancelledDeliveries = await deleteEndpointRows(trx, ctx.tenantId, id);
    return {
      result: { id, cancelledDeliveries },
      // Deleted: no after (the change log records a delete); the before says what was cancelled.
      changes: [
        {
          ...change(current, null),
          before: { ...endpointSnapshot(current), cancelled_pending_deliveries: cancelledDeliveries },
        },
      ],
    };
  });
}

/**
 * Rolls the endpoint's signing secret, as Stripe's "roll secret": the new one is shown once
 * and signs from now on; the one it replaces keeps signing beside it until `oldSecretExpires`
 * (`now`: stops at once, for a leaked secret), so receivers can switch without losing events.
 */
export async function rotateEndpointSecret(
  ctx: WebhooksContext,
  raw: RollWebhookSecretInput,
): Promise<WebhookSecretAnswer> {
  const input = rollWebhookSecretInput.parse(raw);
  const secret = newSigningSecret();
  return runCommand(commandScope(ctx), 'webhook_endpoint.secret_rotated', async (trx, now) => {
    const current = await loadForWrite(ctx, trx, input.id);
    await rollSecret(trx, current, secret, input.oldSecretExpires, now);
    const next: EndpointRow = {
      ...current,
      secret_hint: hintOf(secret),
      expiring_secrets: await expiringSecretsColumn(trx, current.id, now),
      version: current.version + 1,
      updated_at: now,
    };
    await save(trx, current, next);
    return {
      result: { endpoint: await endpointView(trx, next, now), secret },
      changes: [
        {
          ...change(current, next),
          after: { ...endpointSnapshot(next), old_secret_expires: input.oldSecretExpires },
        },
      ],
    };
  });
}
