import { sql, type Kysely, type Transaction } from 'kysely';
import { DAY_MS } from '../../../../shared/licensing/policy';
import { runCommand } from '../../../commands/run-command';
import type { DB } from '../../../db/schema';
import type { JobHandlers } from '../../../jobs/runner';
import { scheduleServerJob } from '../../../jobs/server-jobs';
import type { Logger } from '../../../lib/logger';
import { accountEmailBranding } from '../../branding';
import { queueStaffNotice } from '../../emails';
import { accountMembersOf } from '../../tenants';
import { licenseSnapshot } from './repo';
import { REMINDER_DAYS, reminderDue, type ReminderDays } from './reminders';
import { LICENSING_ACTOR } from './subscription-hook';

/**
 * The daily expiry reminders (docs/licensing.md): every workspace's ACTIVE licenses expiring
 * within 30, 7 or 1 days get one `license_expiring` email to each admin of their customer's
 * account, and `expiry_reminded_days` records it in the same transaction, so a second run (or a
 * retried job) sends nothing twice. A customer on a test clock is judged at its clock's time, as
 * billing judges it, so advancing the clock and running the job shows the reminders it would
 * send. Like the finance pack, one server job a day does every workspace.
 */

export const LICENSE_REMINDERS_JOB = 'licensing.expiry_reminders';
/** 08:00 UTC: a reminder arrives in the working day of most of the world. */
const AT_UTC_MS = 8 * 3_600_000;
const WIDEST = REMINDER_DAYS[0] * DAY_MS;

/** The next run's time: 08:00 UTC after `now`. */
export function nextRemindersAt(now: number): number {
  const today = Math.floor(now / DAY_MS) * DAY_MS + AT_UTC_MS;
  return today > now ? today : today + DAY_MS;
}

export function scheduleLicenseReminders(db: Kysely<DB>, runAt: number, now: number): Promise<void> {
  return scheduleServerJob(db, { kind: LICENSE_REMINDERS_JOB, runAt, everyMs: DAY_MS }, now);
}

/** Licenses that may be due a reminder, with the time their customer lives on. */
function candidates(db: Kysely<DB>, wallNow: number) {
  const customerNow = sql<number>`coalesce(tc.now, ${wallNow})`;
  return db
    .selectFrom('licenses')
    .innerJoin('customers as c', 'c.id', 'licenses.customer_id')
    .leftJoin('test_clocks as tc', 'tc.id', 'c.test_clock_id')
    .select(['licenses.id', 'licenses.tenant_id', 'licenses.expires_at', 'licenses.expiry_reminded_days'])
    .select(customerNow.as('customer_now'))
    .where('licenses.status', '=', 'ACTIVE')
    .where('licenses.expires_at', 'is not', null)
    .where((eb) =>
      eb.or([eb('licenses.expiry_reminded_days', 'is', null), eb('licenses.expiry_reminded_days', '>', 1)]),
    )
    .where(sql<boolean>`licenses.expires_at > ${customerNow}`)
    .where(sql<boolean>`licenses.expires_at <= ${customerNow} + ${WIDEST}`)
    .orderBy('licenses.id')
    .execute();
}

async function reminderFacts(trx: Transaction<DB>, tenantId: string, licenseId: string) {
  return trx
    .selectFrom('licenses')
    .innerJoin('customers as c', 'c.id', 'licenses.customer_id')
    .innerJoin('license_policies as p', 'p.id', 'licenses.policy_id')
    .leftJoin('subscriptions as s', 's.id', 'licenses.subscription_id')
    .select([
      's.status as subscription_status',
      's.cancel_at_period_end',
      'licenses.customer_id',
      'licenses.name',
      'licenses.key_hint',
      'licenses.status',
      'licenses.expires_at',
      'licenses.expiry_reminded_days',
      'p.duration_kind',
      'c.name as customer_name',
      'c.company',
    ])
    .where('licenses.tenant_id', '=', tenantId)
    .where('licenses.id', '=', licenseId)
    .executeTakeFirst();
}

/** A SUBSCRIPTION license whose subscription will renew (not ending, not canceling at its period end). */
const renews = (l: {
  duration_kind: string;
  subscription_status: string | null;
  cancel_at_period_end: number | null;
}) =>
  l.duration_kind === 'SUBSCRIPTION' &&
  l.subscription_status !== null &&
  l.subscription_status !== 'canceled' &&
  l.cancel_at_period_end !== 1;

/** One license's reminder, in its own command: re-judged inside it, so a concurrent run sends none. */
async function remind(
  db: Kysely<DB>,
  tenantId: string,
  licenseId: string,
  now: number,
): Promise<number | null> {
  const scope = { db, tenantId, clock: { now: () => now }, actor: LICENSING_ACTOR };
  return runCommand(scope, 'license.expiry_reminded', async (trx) => {
    const license = await reminderFacts(trx, tenantId, licenseId);
    const days: ReminderDays | null =
      license?.status === 'ACTIVE'
        ? reminderDue(license.expires_at, now, license.expiry_reminded_days)
        : null;
    if (!license || days === null || license.expires_at === null) return { result: null, changes: [] };
    const expiresAt = license.expires_at;
    const admins = await accountMembersOf(trx, tenantId, license.customer_id);
    const accountName = license.company ?? license.customer_name;
    const queued = await queueStaffNotice(
      trx,
      {
        tenantId,
        noticeId: `license_expiring:${licenseId}:${expiresAt}:${days}`,
        recipients: admins.map((a) => ({ name: a.name, email: a.email })),
        draftFor: (recipient) => ({
          template: 'license_expiring',
          facts: {
            recipientName: recipient.name,
            accountName,
            licenseName: license.name,
            keyHint: license.key_hint,
            expiresAt,
            days,
            renewsWithSubscription: renews(license),
          },
        }),
        // Sent for the account: in its published branding (else the workspace's), issue 15's white-label.
        branding: await accountEmailBranding(trx, tenantId, license.customer_id),
      },
      now,
    );
    const before = await licenseSnapshot(trx, tenantId, licenseId);
    await trx
      .updateTable('licenses')
      .set({ expiry_reminded_days: days, updated_at: now })
      .where('tenant_id', '=', tenantId)
      .where('id', '=', licenseId)
      .execute();
    const after = await licenseSnapshot(trx, tenantId, licenseId);
    // An account with no admins gets no email; the entry says so (recipients: []).
    const recipients = admins.map((a) => a.email);
    return {
      result: queued,
      changes: [
        { entityType: 'license', entityId: licenseId, before, after: { ...after, days, recipients } },
      ],
    };
  });
}

/** One pass over every workspace at wall time `wallNow`; returns the licenses reminded and the emails queued. */
export async function sendExpiryReminders(
  db: Kysely<DB>,
  wallNow: number,
): Promise<{ licenses: number; emails: number }> {
  let licenses = 0;
  let emails = 0;
  for (const row of await candidates(db, wallNow)) {
    const now = Number(row.customer_now);
    if (reminderDue(row.expires_at, now, row.expiry_reminded_days) === null) continue;
    const queued = await remind(db, row.tenant_id, row.id, now);
    if (queued === null) continue;
    licenses++;
    emails += queued;
  }
  return { licenses, emails };
}

/** The daily job: one pass, logged, then the next day's run. */
export function licenseJobHandlers(services: { db: Kysely<DB>; logger: Logger }): JobHandlers {
  return {
    [LICENSE_REMINDERS_JOB]: async (_job, now) => {
      const sent = await sendExpiryReminders(services.db, now);
      services.logger.info(sent, 'license expiry reminders queued');
      await scheduleLicenseReminders(services.db, nextRemindersAt(now), now);
    },
  };
}
