import type { Transaction } from 'kysely';
import { expiryOf } from '../../../../shared/licensing/policy';
import { runCommand, type CommandScope } from '../../../commands/run-command';
import type { DB } from '../../../db/schema';
import { DomainError } from '../../../lib/errors';
import { findPolicyRow } from '../policies/service';
import { policyFromRow, type LicenseRow } from '../rows';
import { linkedSubscription } from './issue';
import { licenseChange, loadForChange, saveLicense, type License } from './row';

/**
 * Ties a license to another subscription of the same customer — the usual case being a
 * customer whose subscription ended and who subscribed again: a SUBSCRIPTION license follows
 * the subscription it names, so without this it stayed expired with the old one. A
 * SUBSCRIPTION license's expiry becomes the new subscription's period end (reminders start
 * over); a FIXED one keeps its expiry and gains the link (overage billing, plan changes). The
 * past-due grace of the old subscription goes: the new one's own writes set it again.
 */
export function relinkLicense(
  scope: CommandScope,
  input: { id: string; expectedVersion: number; subscriptionId: string },
): Promise<License> {
  return runCommand(scope, 'license.relinked', async (trx, now) => {
    const current = await loadForChange(trx, scope.tenantId, input.id, input.expectedVersion);
    if (current.status === 'REVOKED')
      throw new DomainError('INVALID_STATE', 'A revoked license cannot be linked to a subscription');
    if (current.subscription_id === input.subscriptionId) {
      throw new DomainError('INVALID_INPUT', 'The license already follows this subscription', {
        subscriptionId: ['Choose another of the customer’s subscriptions'],
      });
    }
    const { before, after } = await saveLicense(
      trx,
      current,
      await linkPatch(trx, scope.tenantId, current, input.subscriptionId),
      now,
    );
    return { result: after, changes: [licenseChange(before, after)] };
  });
}

/** The license's columns once it follows `subscriptionId` (one of its own customer's). */
export async function linkPatch(
  trx: Transaction<DB>,
  tenantId: string,
  license: LicenseRow,
  subscriptionId: string,
): Promise<Partial<LicenseRow>> {
  const policy = await findPolicyRow(trx, tenantId, license.policy_id);
  const subscription = await linkedSubscription(trx, tenantId, license.customer_id, subscriptionId, policy);
  if (!subscription) return { subscription_id: null };
  if (policy.duration_kind !== 'SUBSCRIPTION') return { subscription_id: subscription.id };
  return {
    subscription_id: subscription.id,
    expires_at: expiryOf(policyFromRow(policy), license.issued_at, subscription.current_period_end),
    expiry_reminded_days: null,
    past_due_grace_ends_at: null,
  };
}
