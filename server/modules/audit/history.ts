import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema';

/** A set of one entity type's ids, e.g. every invoice of a customer. */
export interface EntitySet {
  type: string;
  ids: readonly string[];
}

/** Where the previous page stopped: an entry's time and chain position. */
export interface HistoryPosition {
  at: number;
  seq: number;
}

export interface HistoryEntry {
  id: string;
  seq: number;
  at: number;
  actorName: string;
  entityType: string;
  entityId: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

const parse = (json: string | null) => (json ? (JSON.parse(json) as Record<string, unknown>) : null);

// An entry is linked into the chain at start if a bulk load wrote it; until then it sorts first.
const position = sql<number>`coalesce(seq, 0)`;

/** SQLite allows 32,766 bound values; ids go in chunks far below that. */
const CHUNK = 5_000;

/**
 * The entries about any of the given entities, newest first by time and then chain position,
 * strictly older than `before`. Each (type, ids) set is matched through the
 * (tenant, entity_type, entity_id) index, so a page costs the entities' entries, not the trail.
 */
export async function auditHistoryOf(
  db: Kysely<DB>,
  tenantId: string,
  sets: readonly EntitySet[],
  before: HistoryPosition | null,
  limit: number,
): Promise<HistoryEntry[]> {
  const chunks = sets.flatMap((set) =>
    Array.from({ length: Math.ceil(set.ids.length / CHUNK) }, (_, i) => ({
      type: set.type,
      ids: set.ids.slice(i * CHUNK, (i + 1) * CHUNK),
    })),
  );
  if (chunks.length === 0) return [];
  const rows = await db
    .selectFrom('audit_log')
    .select(['id', 'seq', 'at', 'actor_name', 'entity_type', 'entity_id', 'before', 'after'])
    .where('tenant_id', '=', tenantId)
    .where((eb) =>
      eb.or(chunks.map((c) => eb.and([eb('entity_type', '=', c.type), eb('entity_id', 'in', c.ids)]))),
    )
    .$if(before !== null, (q) => {
      const { at, seq } = before as HistoryPosition;
      return q.where((eb) => eb.or([eb('at', '<', at), eb.and([eb('at', '=', at), eb(position, '<', seq)])]));
    })
    .orderBy('at', 'desc')
    .orderBy(position, 'desc')
    .limit(limit)
    .execute();
  return rows.map((row) => ({
    id: row.id,
    seq: row.seq ?? 0,
    at: row.at,
    actorName: row.actor_name,
    entityType: row.entity_type,
    entityId: row.entity_id,
    before: parse(row.before),
    after: parse(row.after),
  }));
}
