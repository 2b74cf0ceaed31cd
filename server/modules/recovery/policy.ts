import type { RecoveryPolicy } from '../../../shared/billing/recovery-schema';
import { runCommand, type CommandScope } from '../../commands/run-command';
import { recoveryPolicy, saveRecoveryPolicy } from './repo';
import { type StaffRequest } from '../billing';

/**
 * Saves the tenant's recovery policy. It applies from the next failure on: retries already
 * scheduled keep their time, and a recovery's grace period stays as it began.
 */
export async function updateRecoveryPolicy(
  request: StaffRequest,
  policy: RecoveryPolicy,
): Promise<RecoveryPolicy> {
  const scope: CommandScope = {
    db: request.deps.db,
    clock: request.deps.wallClock,
    tenantId: request.tenantId,
    actor: request.actor,
  };
  return runCommand(scope, 'recovery.policy_updated', async (trx, now) => {
    const before = await recoveryPolicy(trx, request.tenantId);
    await saveRecoveryPolicy(trx, request.tenantId, policy, now);
    return {
      result: policy,
      changes: [
        {
          entityType: 'recovery_policy',
          entityId: request.tenantId,
          before: { ...before },
          after: { ...policy },
        },
      ],
    };
  });
}
