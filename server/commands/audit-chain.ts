import { createHash } from 'node:crypto';
import type BetterSqlite3 from 'better-sqlite3';
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../db/schema';

/**
 * The audit trail as hash chains, one per tenant (and one, named '', for platform-level
 * entries). Each entry's hash covers its content, its position and the previous entry's
 * hash, so changing, removing or inserting an entry breaks every link after it.
 */

export const GENESIS_HASH = '0'.repeat(64);

/** What a link's hash covers: every stored column, as stored. */
export interface LinkContent {
  chain: string;
  seq: number;
  prevHash: string;
  id: string;
  actorId: string | null;
  actorName: string;
  client: string;
  action: string;
  entityType: string;
  entityId: string;
  before: string | null;
  after: string | null;
  at: number;
}

export function linkHash(link: LinkContent): string {
  // An array, not an object: the field order is fixed by this code, not by key order.
  const canonical = JSON.stringify([
    link.chain,
    link.seq,
    link.prevHash,
    link.id,
    link.actorId,
    link.actorName,
    link.client,
    link.action,
    link.entityType,
    link.entityId,
    link.before,
    link.after,
    link.at,
  ]);
  return createHash('sha256').update(canonical).digest('hex');
}

export const chainOf = (tenantId: string | null): string => tenantId ?? '';

export interface ChainHead {
  seq: number;
  hash: string;
}

/** The chain's newest link, or the genesis position for an empty chain. */
export async function readHead(db: Kysely<DB> | Transaction<DB>, chain: string): Promise<ChainHead> {
  const head = await db
    .selectFrom('audit_chain_heads')
    .select(['seq', 'hash'])
    .where('chain', '=', chain)
    .executeTakeFirst();
  return head ?? { seq: 0, hash: GENESIS_HASH };
}

export async function writeHead(trx: Transaction<DB> | Kysely<DB>, chain: string, head: ChainHead) {
  await trx
    .insertInto('audit_chain_heads')
    .values({ chain, seq: head.seq, hash: head.hash })
    .onConflict((oc) => oc.column('chain').doUpdateSet({ seq: head.seq, hash: head.hash }))
    .execute();
}

/** An audit_log row as stored: what a link's hash is computed from, beside its position. */
export interface StoredEntry {
  id: string;
  actor_id: string | null;
  actor_name: string;
  client: string;
  action: string;
  entity_type: string;
  entity_id: string;
  before: string | null;
  after: string | null;
  at: number;
}

/** The hash a stored entry has (or should have) at `seq` after `prevHash` in `chain`. */
export function hashOfStored(chain: string, seq: number, prevHash: string, row: StoredEntry): string {
  return linkHash({
    chain,
    seq,
    prevHash,
    id: row.id,
    actorId: row.actor_id,
    actorName: row.actor_name,
    client: row.client,
    action: row.action,
    entityType: row.entity_type,
    entityId: row.entity_id,
    before: row.before,
    after: row.after,
    at: row.at,
  });
}

interface UnchainedRow extends StoredEntry {
  rowid: number;
  tenant_id: string | null;
}

function nextLink(chain: string, head: ChainHead, row: UnchainedRow): ChainHead {
  const seq = head.seq + 1;
  return { seq, hash: hashOfStored(chain, seq, head.hash, row) };
}

/**
 * Links entries written without a chain position (before the chain existed, or by a bulk
 * load's prepared statements) onto the end of their chains, in insertion order. Runs in
 * its own transaction; returns how many entries it linked.
 */
export function chainUnlinkedEntries(sqlite: BetterSqlite3.Database): number {
  const select =
    sqlite.prepare(`SELECT rowid, id, tenant_id, actor_id, actor_name, client, action, entity_type,
      entity_id, before, after, at FROM audit_log WHERE seq IS NULL AND rowid > ? ORDER BY rowid LIMIT 5000`);
  const readHeadStmt = sqlite.prepare('SELECT seq, hash FROM audit_chain_heads WHERE chain = ?');
  const link = sqlite.prepare('UPDATE audit_log SET seq = ?, prev_hash = ?, hash = ? WHERE rowid = ?');
  const saveHead = sqlite.prepare(`INSERT INTO audit_chain_heads (chain, seq, hash) VALUES (?, ?, ?)
      ON CONFLICT (chain) DO UPDATE SET seq = excluded.seq, hash = excluded.hash`);
  return sqlite.transaction(() => {
    const heads = new Map<string, ChainHead>();
    let linked = 0;
    // In pages: a connection cannot update rows while it is still iterating over them.
    for (let after = 0; ;) {
      const page = select.all(after) as UnchainedRow[];
      if (page.length === 0) break;
      for (const row of page) {
        const chain = chainOf(row.tenant_id);
        const head = heads.get(chain) ??
          (readHeadStmt.get(chain) as ChainHead | undefined) ?? { seq: 0, hash: GENESIS_HASH };
        const next = nextLink(chain, head, row);
        link.run(next.seq, head.hash, next.hash, row.rowid);
        heads.set(chain, next);
        linked++;
      }
      after = page.at(-1)?.rowid ?? after;
    }
    for (const [chain, head] of heads) saveHead.run(chain, head.seq, head.hash);
    return linked;
  })();
}

/** An entry written in bulk, before its chain position is known. */
export interface UnchainedEntry {
  id: string;
  tenantId: string;
  actorName: string;
  client: string;
  action: string;
  entityType: string;
  entityId: string;
  after: string;
  at: number;
}

/**
 * A prepared insert for audit entries written in bulk (a demo load): they land without a
 * chain position, and `chainUnlinkedEntries` links them once the load is done.
 */
export function prepareUnchainedAuditInsert(sqlite: BetterSqlite3.Database): (entry: UnchainedEntry) => void {
  const insert = sqlite.prepare(`INSERT INTO audit_log
    (id, tenant_id, actor_id, actor_name, client, action, entity_type, entity_id, before, after, at)
    VALUES (?, ?, NULL, ?, ?, ?, ?, ?, NULL, ?, ?)`);
  return (e) => {
    insert.run(e.id, e.tenantId, e.actorName, e.client, e.action, e.entityType, e.entityId, e.after, e.at);
  };
}
