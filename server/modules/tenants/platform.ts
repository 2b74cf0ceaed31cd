import { platformCan, type Permission } from '../../../shared/permissions';
import type { Principal } from '../../trpc/context';
import { auditChanges, type CommandScope, type CommandWork } from '../../commands/run-command';
import { DomainError } from '../../lib/errors';

/** What an administration service needs: the checked command scope and who is acting. */
export interface AdminScope extends CommandScope {
  principal: Principal;
}

/**
 * Platform-wide procedures (all tenants, the platform staff) are open only to a platform
 * role holding `permission` itself. A tenant role holding the same permission (a tenant
 * admin's users.manage) reaches its own tenant, never the platform.
 */
export function requirePlatform(principal: Principal, permission: Permission): void {
  if (!platformCan(principal.grants, permission)) {
    throw new DomainError('FORBIDDEN', 'Only platform staff who may do this can manage the platform');
  }
}

/**
 * A command on platform-level records (platform staff, platform invitations), run like
 * runCommand: the change and its audit entries commit together. The entries go to the
 * platform's own hash chain (tenant null), and nothing goes to a change log, since no
 * tenant's replica holds platform records.
 */
export async function runPlatformCommand<T>(
  scope: Pick<CommandScope, 'db' | 'clock' | 'actor'>,
  action: string,
  work: CommandWork<T>,
): Promise<T> {
  return scope.db.transaction().execute(async (trx) => {
    const now = scope.clock.now();
    const { result, changes } = await work(trx, now);
    await auditChanges(trx, { tenantId: null, actor: scope.actor, action, changes, now });
    return result;
  });
}
