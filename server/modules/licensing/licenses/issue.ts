import type { Transaction } from 'kysely';
import type { z } from 'zod';
import { newId } from '../../../../shared/ids';
import { expiryOf } from '../../../../shared/licensing/policy';
import type { licenseIssueInput } from '../../../../shared/licensing/schema';
import { runCommand, type CommandScope } from '../../../commands/run-command';
import type { DB } from '../../../db/schema';
import { DomainError } from '../../../lib/errors';
import { findPolicyRow } from '../policies/service';
import { policyFromRow, type PolicyRow } from '../rows';
import { makeLicenseKey } from './key';
import { activeCustomer, licenseChange, subscriptionOf, toLicense, type License } from './row';

export type IssueInput = z.output<typeof licenseIssueInput>;

/** An ended subscription renews nothing, so no license can follow it. */
const ENDED = new Set(['canceled', 'incomplete']);

/**
 * The subscription a license follows: of the customer, not ended, and on the policy's plan
 * when the policy names one. A SUBSCRIPTION-duration policy needs one.
 */
export async function linkedSubscription(
  trx: Transaction<DB>,
  tenantId: string,
  customerId: string,
  subscriptionId: string | null,
  policy: PolicyRow,
) {
  if (subscriptionId === null) {
    if (policy.duration_kind === 'SUBSCRIPTION') {
      throw new DomainError(
        'INVALID_INPUT',
        'This policy follows a subscription: choose one of the customer’s',
        {
          subscriptionId: ['Required by this policy'],
        },
      );
    }
    return null;
  }
  const subscription = await subscriptionOf(trx, tenantId, customerId, subscriptionId);
  if (ENDED.has(subscription.status)) {
    throw new DomainError(
      'INVALID_STATE',
      `This subscription is ${subscription.status}: it cannot carry a license`,
    );
  }
  if (policy.plan_id !== null && subscription.plan_id !== policy.plan_id) {
    throw new DomainError('INVALID_INPUT', 'The subscription is not on the policy’s plan', {
      subscriptionId: ['On another plan than the policy’s'],
    });
  }
  return subscription;
}

/**
 * Issues a license to a customer under a policy: signs its key with the tenant's active key
 * (made on first need), stores the key's hash (to find it), the key sealed (to reveal it and
 * encrypt files with it) and its last characters. The key is returned this once.
 */
export function issueLicense(
  scope: CommandScope,
  input: IssueInput,
): Promise<{ license: License; key: string }> {
  return runCommand(scope, 'license.issued', async (trx, now) => {
    await activeCustomer(trx, scope.tenantId, input.customerId);
    const policy = await findPolicyRow(trx, scope.tenantId, input.policyId);
    if (policy.archived_at !== null) {
      throw new DomainError(
        'INVALID_STATE',
        `The policy ${policy.name} is archived: it issues no new licenses`,
      );
    }
    const subscription = await linkedSubscription(
      trx,
      scope.tenantId,
      input.customerId,
      input.subscriptionId,
      policy,
    );
    const id = newId('lic', now);
    const { key, stored } = await makeLicenseKey(trx, scope.tenantId, id, now);
    const row = {
      id,
      tenant_id: scope.tenantId,
      customer_id: input.customerId,
      policy_id: policy.id,
      subscription_id: subscription?.id ?? null,
      name: input.name,
      ...stored,
      status: 'ACTIVE' as const,
      suspended_reason: null,
      issued_at: now,
      expires_at: expiryOf(policyFromRow(policy), now, subscription?.current_period_end ?? null),
      renewed_at: null,
      revoked_at: null,
      last_check_in_at: null,
      past_due_grace_ends_at: null,
      entitlements: JSON.stringify(input.entitlements),
      expiry_reminded_days: null,
      version: 1,
      created_at: now,
      updated_at: now,
    };
    await trx.insertInto('licenses').values(row).execute();
    const license = toLicense(row);
    return { result: { license, key }, changes: [licenseChange(null, license)] };
  });
}
