import { sql, type Kysely, type RawBuilder } from 'kysely';
import { BugIndicatingError } from '../lib/errors';
import { dialectOf } from './dialect';
import type { DB } from './schema';

/**
 * Serializes the transactions that name the same `key` (an audit chain, an invoice, a
 * payment), across every instance, until each commits or rolls back.
 *
 * SQLite has one writer at a time, so a command's read-then-write (the chain's head, an
 * invoice's pending payment, a payment's refundable amount) can never interleave with
 * another's; nothing to do there. PostgreSQL runs transactions side by side, so the second one
 * waits here for the first to finish and then reads what it wrote.
 */
export async function serializeOn(trx: Kysely<DB>, key: string): Promise<void> {
  if (dialectOf(trx) !== 'postgres') return;
  // Outside a transaction the lock would end with this very statement.
  if (!trx.isTransaction) throw new BugIndicatingError(`serializing on ${key} needs a transaction`);
  await sql`SELECT pg_advisory_xact_lock(hashtextextended(${key}, 0))`.execute(trx);
}

/**
 * For the subquery that picks the next due row of a queue (jobs, Stripe events, webhook
 * deliveries): on PostgreSQL, lock the row picked and skip rows another instance is claiming
 * this very moment, so each claim takes a different row and none waits; SQLite needs nothing.
 */
export function skipClaimedRows(db: Kysely<DB>, of?: string): RawBuilder<unknown> {
  if (dialectOf(db) !== 'postgres') return sql``;
  // Only the queue's own row: a joined row (the delivery's endpoint) is shared by other claims.
  return of ? sql`FOR UPDATE OF ${sql.ref(of)} SKIP LOCKED` : sql`FOR UPDATE SKIP LOCKED`;
}

/**
 * PostgreSQL's answers that mean "run the transaction again": a deadlock this transaction was
 * chosen to lose (40P01), or a serialization failure (40001). Its transaction rolled back
 * whole, so running the same command again is safe. SQLite's single writer never gives them.
 */
export function isRetryableConflict(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === '40P01' || code === '40001';
}
