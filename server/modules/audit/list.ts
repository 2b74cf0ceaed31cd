import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { auditListInput } from '../../../shared/audit/schema';
import type { DB } from '../../db/schema';
import { decodeCursor } from '../../lib/keyset-cursor';
import { keysetPage } from '../../lib/keyset-page';
import { diffSnapshots, type FieldChange } from './diff';

type Input = z.output<typeof auditListInput>;

export interface AuditRow {
  id: string;
  seq: number;
  at: number;
  actorName: string;
  client: string;
  action: string;
  entityType: string;
  entityId: string;
  changes: FieldChange[];
  /** The entity's currency, when its snapshots carry one: amounts among the changes are in it. */
  currency: string | null;
}

const parse = (json: string | null) => (json ? (JSON.parse(json) as Record<string, unknown>) : null);

/** One page of a tenant's audit log, newest first by chain position. */
export async function listAuditEntries(db: Kysely<DB>, tenantId: string, input: Input) {
  let q = db.selectFrom('audit_log').where('tenant_id', '=', tenantId).where('seq', 'is not', null);
  if (input.actor) q = q.where('actor_name', '=', input.actor);
  if (input.entityType) q = q.where('entity_type', '=', input.entityType);
  if (input.entityId) q = q.where('entity_id', '=', input.entityId);
  if (input.action?.endsWith('.')) {
    // A prefix as an index range: every action from "invoice." up to (not including) "invoice/".
    q = q.where('action', '>=', input.action).where('action', '<', `${input.action.slice(0, -1)}/`);
  } else if (input.action) {
    q = q.where('action', '=', input.action);
  }
  if (input.from !== undefined) q = q.where('at', '>=', input.from);
  if (input.to !== undefined) q = q.where('at', '<', input.to);
  if (input.cursor) q = q.where('seq', '<', Number(decodeCursor(input.cursor).value));
  const rows = await q
    .select([
      'id',
      'seq',
      'at',
      'actor_name',
      'client',
      'action',
      'entity_type',
      'entity_id',
      'before',
      'after',
    ])
    .orderBy('seq', 'desc')
    .limit(input.limit + 1)
    .execute();
  // Not counted: a filtered count over a long trail would cost more than the page.
  return keysetPage(rows, input.limit, {
    item: (row): AuditRow => {
      const before = parse(row.before);
      const after = parse(row.after);
      const currency = after?.currency ?? before?.currency;
      return {
        id: row.id,
        seq: row.seq as number,
        at: row.at,
        actorName: row.actor_name,
        client: row.client,
        action: row.action,
        entityType: row.entity_type,
        entityId: row.entity_id,
        changes: diffSnapshots(before, after),
        currency: typeof currency === 'string' ? currency : null,
      };
    },
    cursorOf: (row) => ({ value: row.seq as number, id: row.id }),
  });
}

/** The values the page's filters offer: who acted, on what, doing what. */
export async function auditFacets(db: Kysely<DB>, tenantId: string) {
  const distinct = async (column: 'actor_name' | 'entity_type' | 'action') =>
    (
      await db
        .selectFrom('audit_log')
        .select(column)
        .distinct()
        .where('tenant_id', '=', tenantId)
        .orderBy(column)
        .limit(500)
        .execute()
    ).map((row) => row[column]);
  return {
    actors: await distinct('actor_name'),
    entityTypes: await distinct('entity_type'),
    actions: await distinct('action'),
  };
}
