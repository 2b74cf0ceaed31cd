import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import { chainOf, GENESIS_HASH, hashOfStored, readHead } from '../../commands/audit-chain';

export type ChainProblemKind =
  /** The entry's content no longer matches its hash: it was edited. */
  | 'altered'
  /** The entry does not point at the entry before it: one was removed or inserted. */
  | 'broken_link'
  /** Positions jump: entries were removed. */
  | 'missing_entries'
  /** An entry was written outside the chain (no position). */
  | 'unlinked_entry'
  /** The chain ends before its recorded head: entries were removed from the end. */
  | 'truncated';

export interface ChainProblem {
  kind: ChainProblemKind;
  seq: number | null;
  entryId: string | null;
}

export interface ChainReport {
  ok: boolean;
  /** Entries checked, in chain order. */
  checked: number;
  head: { seq: number; hash: string };
  /** The first problems found (at most 20), in chain order. */
  problems: ChainProblem[];
}

const PAGE = 2000;
const MAX_PROBLEMS = 20;

/**
 * Walks a tenant's chain from the start, recomputing every hash. Reads in pages, so a
 * chain of millions of entries is checked in constant memory.
 */
export async function verifyAuditChain(db: Kysely<DB>, tenantId: string | null): Promise<ChainReport> {
  const chain = chainOf(tenantId);
  const head = await readHead(db, chain);
  const problems: ChainProblem[] = [];
  const note = (problem: ChainProblem) => {
    if (problems.length < MAX_PROBLEMS) problems.push(problem);
  };
  const tenantFilter =
    tenantId === null ? sql<boolean>`tenant_id IS NULL` : sql<boolean>`tenant_id = ${tenantId}`;

  const unlinked = await db
    .selectFrom('audit_log')
    .select('id')
    .where(tenantFilter)
    .where('seq', 'is', null)
    .limit(MAX_PROBLEMS)
    .execute();
  for (const row of unlinked) note({ kind: 'unlinked_entry', seq: null, entryId: row.id });

  let expectedSeq = 1;
  let prevHash = GENESIS_HASH;
  let checked = 0;
  for (;;) {
    const rows = await db
      .selectFrom('audit_log')
      .selectAll()
      .where(tenantFilter)
      .where('seq', '>=', expectedSeq)
      .orderBy('seq')
      .limit(PAGE)
      .execute();
    for (const row of rows) {
      const seq = row.seq as number;
      if (seq !== expectedSeq) note({ kind: 'missing_entries', seq, entryId: row.id });
      if (row.prev_hash !== prevHash) note({ kind: 'broken_link', seq, entryId: row.id });
      if (hashOfStored(chain, seq, row.prev_hash ?? '', row) !== row.hash)
        note({ kind: 'altered', seq, entryId: row.id });
      prevHash = row.hash ?? '';
      expectedSeq = seq + 1;
      checked++;
    }
    if (rows.length < PAGE) break;
  }
  if (expectedSeq - 1 < head.seq || (head.seq > 0 && prevHash !== head.hash)) {
    note({ kind: 'truncated', seq: expectedSeq - 1, entryId: null });
  }
  return { ok: problems.length === 0, checked, head, problems };
}
