import type { Kysely } from 'kysely';
import type { Actor, CommandWork } from '../commands/run-command';
import type { DB } from '../db/schema';
import { insertAuditEntry } from '../modules/audit';

/**
 * A command on an account (a user, their password, their memberships): like runCommand,
 * the change and its audit entries commit together, in the chain of `tenantId` (null: the
 * platform's own chain). Accounts are not tenant data, so nothing goes to a change log.
 */
export function runAccountCommand<T>(
  scope: { db: Kysely<DB>; now: number; actor: Actor; tenantId: string | null },
  action: string,
  work: CommandWork<T>,
): Promise<T> {
  return scope.db.transaction().execute(async (trx) => {
    const { result, changes } = await work(trx, scope.now);
    for (const change of changes) {
      await insertAuditEntry(trx, {
        tenantId: scope.tenantId,
        actorId: scope.actor.userId,
        actorName: scope.actor.name,
        client: scope.actor.client,
        action,
        entityType: change.entityType,
        entityId: change.entityId,
        before: change.before,
        after: change.after,
        at: scope.now,
      });
    }
    return result;
  });
}
