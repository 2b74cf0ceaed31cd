import type { Selectable } from 'kysely';
import { newId } from '../../../shared/ids';
import type {
  CreateWebhookEndpointInput,
  WebhookEndpointView,
  WebhookSecretAnswer,
} from '../../../shared/webhooks/schema';
import { createWebhookEndpointInput } from '../../../shared/webhooks/schema';
import { runCommand, type EntityChange } from '../../commands/run-command';
import type { DB } from '../../db/schema';
import { DomainError, notFound } from '../../lib/errors';
import {
  endpointSnapshot,
  endpointView,
  findEndpointRow,
  insertEndpoint,
  listEndpoints,
  replaceSecret,
  saveEndpoint,
  toEndpoint,
} from './repo';
import { commandScope, inSandbox, type WebhooksContext } from './scope';
import { newSigningSecret } from './signing';
import { checkEndpointUrl } from './url-guard';

type EndpointRow = Selectable<DB['webhook_endpoints']>;

/** More than any platform app needs; a cap keeps a runaway script from fanning every event out a thousand times. */
export const MAX_ENDPOINTS_PER_TENANT = 20;

const hintOf = (secret: string) => secret.slice(-4);

function change(before: EndpointRow | null, after: EndpointRow): EntityChange {
  return {
    entityType: 'webhook_endpoint',
    entityId: after.id,
    before: before && endpointSnapshot(before),
    after: endpointSnapshot(after),
  };
}

export function webhookEndpoints(ctx: WebhooksContext): Promise<WebhookEndpointView[]> {
  return listEndpoints(ctx.db, ctx.tenantId);
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
        `A workspace may have at most ${MAX_ENDPOINTS_PER_TENANT} webhook endpoints; disable or reuse one`,
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
      version: 1,
      created_at: now,
      updated_at: now,
    };
    await insertEndpoint(trx, row, secret);
    return { result: { endpoint: toEndpoint(row, null), secret }, changes: [change(null, row)] };
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
    if (current.status === wanted) return { result: await endpointView(trx, current), changes: [] };
    const next: EndpointRow = {
      ...current,
      status: wanted,
      disabled_reason: input.enabled ? null : 'staff',
      failing_since: null,
      version: current.version + 1,
      updated_at: now,
    };
    await save(trx, current, next);
    return { result: await endpointView(trx, next), changes: [change(current, next)] };
  });
}

/** A new secret for the endpoint, at once (the old one stops signing); shown once. */
export async function rotateEndpointSecret(ctx: WebhooksContext, id: string): Promise<WebhookSecretAnswer> {
  const secret = newSigningSecret();
  return runCommand(commandScope(ctx), 'webhook_endpoint.secret_rotated', async (trx, now) => {
    const current = await loadForWrite(ctx, trx, id);
    const next: EndpointRow = {
      ...current,
      secret_hint: hintOf(secret),
      version: current.version + 1,
      updated_at: now,
    };
    await save(trx, current, next);
    await replaceSecret(trx, next, secret, now);
    return {
      result: { endpoint: await endpointView(trx, next), secret },
      changes: [change(current, next)],
    };
  });
}
