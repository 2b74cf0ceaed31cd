import type { z } from 'zod';
import type { emailSettingsUpdateInput } from '../../../shared/emails/schema';
import { runCommand, type CommandScope } from '../../commands/run-command';
import { DomainError, notFound } from '../../lib/errors';
import { findEmail, requeueEmail, type OutboxEmail } from './repo/outbox';
import { readEmailSettings, saveEmailSettings, type EmailSettings } from './repo/settings';

/**
 * Queues a failed or held email again, as it was written: same content, same Message-ID,
 * attempts counted afresh. Sent and pending ones are refused: nothing goes out twice.
 */
export async function resendEmail(scope: CommandScope, id: string) {
  return runCommand(scope, 'email.resend', async (trx, now) => {
    const before = await findEmail(trx, scope.tenantId, id);
    if (!before) throw notFound('Email');
    if (before.status !== 'failed' && before.status !== 'held') {
      throw new DomainError(
        'INVALID_STATE',
        before.status === 'sent' ? 'This email was already sent' : 'This email is already waiting to be sent',
      );
    }
    await requeueEmail(trx, scope.tenantId, id, now);
    const after = await findEmail(trx, scope.tenantId, id);
    const brief = (e: OutboxEmail | null) => ({
      status: e?.status,
      attempts: e?.attempts,
      lastError: e?.lastError,
    });
    return {
      result: { id, status: after?.status ?? 'pending' },
      changes: [{ entityType: 'email', entityId: id, before: brief(before), after: brief(after) }],
    };
  });
}

/** Saves a tenant's sender settings; refused when someone saved others since the form was opened. */
export async function updateEmailSettings(
  scope: CommandScope,
  input: z.output<typeof emailSettingsUpdateInput>,
): Promise<EmailSettings> {
  return runCommand(scope, 'email_settings.update', async (trx, now) => {
    const before = await readEmailSettings(trx, scope.tenantId);
    if (before.version !== input.expectedVersion) {
      throw new DomainError('CONFLICT', 'Someone else changed the email settings; reload to see theirs');
    }
    await saveEmailSettings(trx, scope.tenantId, input.settings, before.version + 1, now);
    const after = await readEmailSettings(trx, scope.tenantId);
    return {
      result: after,
      changes: [
        {
          entityType: 'email_settings',
          entityId: scope.tenantId,
          before: before.version === 0 ? null : { ...before },
          after: { ...after },
        },
      ],
    };
  });
}
