/** Endpoint rows: made, read, saved over a version, and listed with their last delivery. */
import { type Kysely, type Selectable, type Transaction } from 'kysely';
import type { WebhookEventType } from '../../../shared/webhooks/event-types';
import type { WebhookEndpointView } from '../../../shared/webhooks/schema';
import type { DB } from '../../db/schema';
import { insertSecret } from './secrets';

type Db = Kysely<DB> | Transaction<DB>;
type EndpointRow = Selectable<DB['webhook_endpoints']>;

/** The older secrets the row names that still sign at `now` (an expired one may linger until its job runs). */
function expiringAt(row: EndpointRow, now: number): WebhookEndpointView['expiringSecrets'] {
  const listed = JSON.parse(row.expiring_secrets ?? '[]') as { hint: string; expires_at: number }[];
  return listed.filter((s) => s.expires_at > now).map((s) => ({ hint: s.hint, expiresAt: s.expires_at }));
}

export function toEndpoint(
  row: EndpointRow,
  last: WebhookEndpointView['lastDelivery'],
  now: number,
): WebhookEndpointView {
  return {
    id: row.id,
    url: row.url,
    description: row.description,
    eventTypes: JSON.parse(row.event_types) as WebhookEventType[],
    status: row.status,
    disabledReason: row.disabled_reason,
    secretHint: row.secret_hint,
    expiringSecrets: expiringAt(row, now),
    failingSince: row.failing_since,
    lastDelivery: last,
    createdAt: row.created_at,
  };
}

/** The endpoint row as the audit trail keeps it: everything but the secret, which is not on it. */
export const endpointSnapshot = (row: EndpointRow) => ({ ...row }) as Record<string, unknown>;

export async function insertEndpoint(db: Db, row: EndpointRow, secret: string): Promise<void> {
  await db.insertInto('webhook_endpoints').values(row).execute();
  await insertSecret(db, row, secret, row.created_at);
}

export async function findEndpointRow(
  db: Db,
  tenantId: string,
  id: string,
): Promise<EndpointRow | undefined> {
  return db
    .selectFrom('webhook_endpoints')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .executeTakeFirst();
}

/** Saves `next` over the endpoint if nobody changed it since `version` was read. */
export async function saveEndpoint(db: Db, next: EndpointRow, version: number): Promise<boolean> {
  const { id, tenant_id, created_at: _created, ...changes } = next;
  const result = await db
    .updateTable('webhook_endpoints')
    .set(changes)
    .where('id', '=', id)
    .where('tenant_id', '=', tenant_id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

async function lastDeliveries(db: Db, endpointIds: readonly string[]) {
  if (endpointIds.length === 0) return new Map<string, WebhookEndpointView['lastDelivery']>();
  const rows = await db
    .selectFrom('webhook_attempts as a')
    .select(['a.endpoint_id', 'a.outcome', 'a.at', 'a.response_code'])
    .where('a.endpoint_id', 'in', endpointIds)
    .where('a.at', '=', (eb) =>
      eb
        .selectFrom('webhook_attempts as b')
        .select((b) => b.fn.max('b.at').as('at'))
        .whereRef('b.endpoint_id', '=', 'a.endpoint_id'),
    )
    .execute();
  return new Map(
    rows.map((r) => [r.endpoint_id, { status: r.outcome, at: r.at, responseCode: r.response_code }] as const),
  );
}

/** A tenant's endpoints, oldest first, each with its last attempt and the older secrets still signing at `now`. */
export async function listEndpoints(db: Db, tenantId: string, now: number): Promise<WebhookEndpointView[]> {
  const rows = await db
    .selectFrom('webhook_endpoints')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .orderBy('created_at')
    .orderBy('id')
    .limit(500)
    .execute();
  const ids = rows.map((r) => r.id);
  const last = await lastDeliveries(db, ids);
  return rows.map((r) => toEndpoint(r, last.get(r.id) ?? null, now));
}

export async function endpointView(db: Db, row: EndpointRow, now: number): Promise<WebhookEndpointView> {
  return toEndpoint(row, (await lastDeliveries(db, [row.id])).get(row.id) ?? null, now);
}
