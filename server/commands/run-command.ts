import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../db/schema';
import type { Clock } from '../lib/clock';
import { insertAuditEntry } from './audit-entries';
import { appendChange } from './change-log';
import { recordMutationApplied } from './mutation-context';

/** Who a command runs as, as the audit trail records it. */
export interface Actor {
  userId: string | null;
  name: string;
  client: string;
}

/** Where a command runs: the tenant comes from the checked context, never from input. */
export interface CommandScope {
  db: Kysely<DB>;
  clock: Clock;
  tenantId: string;
  actor: Actor;
}

/** One entity the command created, changed or deleted, as snapshots the audit trail keeps. */
export interface EntityChange {
  entityType: string;
  entityId: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

export interface CommandOutcome<T> {
  result: T;
  changes: EntityChange[];
}

export interface CommandWork<T> {
  (trx: Transaction<DB>, now: number): Promise<CommandOutcome<T>>;
}

/**
 * Writes an audit entry per changed entity into the chain of `tenantId` (null: the
 * platform's own chain), inside the command's transaction. Every kind of command (tenant
 * data, accounts, platform records) audits through here.
 */
export async function auditChanges(
  trx: Transaction<DB>,
  entry: {
    tenantId: string | null;
    actor: Actor;
    action: string;
    changes: readonly EntityChange[];
    now: number;
  },
): Promise<void> {
  for (const change of entry.changes) {
    await insertAuditEntry(trx, {
      tenantId: entry.tenantId,
      actorId: entry.actor.userId,
      actorName: entry.actor.name,
      client: entry.actor.client,
      action: entry.action,
      entityType: change.entityType,
      entityId: change.entityId,
      before: change.before,
      after: change.after,
      at: entry.now,
    });
  }
}

/**
 * Runs one command in one transaction: the change itself, an audit entry and a
 * change-log row for every entity it touched commit together, or nothing does.
 *
 * Inside `work`, query only through `trx`: the database has one connection, so a query
 * on the root handle waits for this very transaction to end, which never happens.
 */
export async function runCommand<T>(scope: CommandScope, action: string, work: CommandWork<T>): Promise<T> {
  return scope.db.transaction().execute(async (trx) => {
    const now = scope.clock.now();
    // A command pushed from a desktop marks its mutation applied in this same transaction, and
    // first: the mark holds the client's row until commit, so a second run of the mutation (a
    // retry on another instance) waits here, then finds it applied before doing anything.
    await recordMutationApplied(trx, now);
    const { result, changes } = await work(trx, now);
    await auditChanges(trx, { tenantId: scope.tenantId, actor: scope.actor, action, changes, now });
    for (const change of changes) {
      await appendChange(trx, {
        tenantId: scope.tenantId,
        entityType: change.entityType,
        entityId: change.entityId,
        data: change.after,
        at: now,
      });
    }
    return result;
  });
}
