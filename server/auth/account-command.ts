import type { Kysely } from 'kysely';
import { auditChanges, type Actor, type CommandWork } from '../commands/run-command';
import type { DB } from '../db/schema';

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
    await auditChanges(trx, {
      tenantId: scope.tenantId,
      actor: scope.actor,
      action,
      changes,
      now: scope.now,
    });
    return result;
  });
}
