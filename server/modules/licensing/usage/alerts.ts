import type { Transaction } from 'kysely';
import type { UsageLimit } from '../../../../shared/licensing/policy';
import type { DB } from '../../../db/schema';
import { accountEmailBranding } from '../../branding';
import { queueStaffNotice } from '../../emails';
import { accountMembersOf } from '../../tenants';
import type { LicenseRow } from '../rows';

/**
 * The 80 % / 100 % alert of a metric's usage in a period, to the account's admins, in the
 * usage's transaction and the account's branding. One email per (license, metric, period,
 * threshold): the notice id makes a second queueing of the same alert a no-op, and the
 * recorder asks only for thresholds the total passed with the event it applied.
 */
export async function queueUsageAlert(
  trx: Transaction<DB>,
  input: {
    license: LicenseRow;
    limit: UsageLimit;
    period: string;
    used: number;
    percent: number;
    now: number;
  },
): Promise<void> {
  const { license, limit, period, used, percent, now } = input;
  const customer = await trx
    .selectFrom('customers')
    .select(['name', 'company'])
    .where('tenant_id', '=', license.tenant_id)
    .where('id', '=', license.customer_id)
    .executeTakeFirstOrThrow();
  const admins = await accountMembersOf(trx, license.tenant_id, license.customer_id);
  if (admins.length === 0) return;
  await queueStaffNotice(
    trx,
    {
      tenantId: license.tenant_id,
      noticeId: `license_usage:${license.id}:${limit.metric}:${period}:${percent}`,
      recipients: admins.map((a) => ({ name: a.name, email: a.email })),
      draftFor: (recipient) => ({
        template: 'license_usage_alert',
        facts: {
          recipientName: recipient.name,
          accountName: customer.company ?? customer.name,
          licenseName: license.name,
          metric: limit.metric,
          period,
          used,
          limit: limit.limit,
          percent,
          rule: limit.rule,
        },
      }),
      branding: await accountEmailBranding(trx, license.tenant_id, license.customer_id),
    },
    now,
  );
}
