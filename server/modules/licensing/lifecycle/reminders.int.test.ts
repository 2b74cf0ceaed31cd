import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DAY_MS } from '../../../../shared/billing/periods';
import { silentLogger } from '../../../lib/logger';
import { createBillingWorld, GOOD_CARD, type BillingWorld } from '../../../testing/billing.test-kit';
import { START } from '../../../testing/world.test-kit';
import { insertAccountMember, insertUser } from '../../tenants';
import { SUBSCRIPTION_POLICY, licenseRow, seedLicense, seedPolicy } from '../licensing.test-kit';
import { LICENSE_REMINDERS_JOB, licenseJobHandlers, sendExpiryReminders } from './reminder-job';

/**
 * The daily expiry reminders against real subscriptions on test clocks: 30, 7 and 1 days
 * before a license expires, one email to each admin of its customer's account, never twice,
 * and again for the next expiry after a renewal.
 */

let world: BillingWorld;
beforeEach(async () => {
  world = await createBillingWorld();
});
afterEach(async () => {
  await world.close();
});

const HOUR = 3_600_000;
const tenantId = () => world.tenants.A.id;
const run = () => sendExpiryReminders(world.database.db, world.clock.now());

async function admin(customerId: string, email: string) {
  const user = await insertUser(world.database.db, { email, name: email.split('@')[0] ?? email, now: START });
  await insertAccountMember(world.database.db, {
    tenantId: tenantId(),
    customerId,
    userId: user.id,
    createdBy: null,
    now: START,
  });
}

async function licensedSubscriber(name: string) {
  const { customerId, clockId } = await world.customerOnClock(name, GOOD_CARD);
  const { subscription } = await world.as('billingA').subscriptions.create({
    customerId,
    priceId: world.catalog.prices.proMonthlyUsd,
    trialDays: 0,
  });
  const policy = await seedPolicy(world.database.db, {
    ...SUBSCRIPTION_POLICY,
    tenantId: tenantId(),
    productId: world.catalog.productId,
    plan_id: world.catalog.plans.pro,
    now: START,
  });
  const {
    license: { id: licenseId },
  } = await seedLicense(world.database.db, {
    customerId,
    policy,
    subscription_id: subscription.id,
    expires_at: subscription.currentPeriodEnd,
    now: START,
    name: `${name}'s campus`,
  });
  return { customerId, clockId, subscription, licenseId, policy };
}

async function reminders() {
  const rows = await world.database.db
    .selectFrom('email_outbox')
    .select(['recipient', 'subject', 'text'])
    .where('template', '=', 'license_expiring')
    .orderBy('created_at')
    .orderBy('recipient')
    .execute();
  return rows.map((r) => ({ to: r.recipient, days: /expires within (a day|\d+ days)/.exec(r.text)?.[1] }));
}

const texts = async () =>
  (
    await world.database.db
      .selectFrom('email_outbox')
      .select('text')
      .where('template', '=', 'license_expiring')
      .execute()
  ).map((r) => r.text);

describe('expiry reminders', () => {
  it('go to the account’s admins 30, 7 and 1 days ahead, once each, and start over after a renewal', async () => {
    const { customerId, clockId, subscription, licenseId } = await licensedSubscriber('Remy');
    await admin(customerId, 'ada@remy.example');
    await admin(customerId, 'bo@remy.example');
    const other = await world.customerOnClock('Other');
    await admin(other.customerId, 'eve@other.example');
    const end = subscription.currentPeriodEnd;

    expect(await run()).toEqual({ licenses: 0, emails: 0 });
    await world.advance(clockId, end - 29 * DAY_MS);
    expect(await run()).toEqual({ licenses: 1, emails: 2 });
    expect(await texts()).toEqual([
      expect.stringContaining('It renews with your subscription'),
      expect.stringContaining('It renews with your subscription'),
    ]);
    expect(await run()).toEqual({ licenses: 0, emails: 0 });
    await world.advance(clockId, end - 6 * DAY_MS);
    expect(await run()).toEqual({ licenses: 1, emails: 2 });
    await world.advance(clockId, end - 2 * HOUR);
    expect(await run()).toEqual({ licenses: 1, emails: 2 });
    expect(await run()).toEqual({ licenses: 0, emails: 0 });
    expect((await licenseRow(world.database.db, licenseId)).expiry_reminded_days).toBe(1);
    expect(await reminders()).toEqual([
      { to: 'ada@remy.example', days: '30 days' },
      { to: 'bo@remy.example', days: '30 days' },
      { to: 'ada@remy.example', days: '7 days' },
      { to: 'bo@remy.example', days: '7 days' },
      { to: 'ada@remy.example', days: 'a day' },
      { to: 'bo@remy.example', days: 'a day' },
    ]);

    // The renewal extends the license and clears the mark: the next expiry is reminded afresh.
    await world.advance(clockId, end + 2 * DAY_MS);
    const renewed = await licenseRow(world.database.db, licenseId);
    expect(renewed.expiry_reminded_days).toBeNull();
    expect(await run()).toEqual({ licenses: 1, emails: 2 });
    expect((await reminders()).slice(6)).toEqual([
      { to: 'ada@remy.example', days: '30 days' },
      { to: 'bo@remy.example', days: '30 days' },
    ]);
  });

  it('a late run sends only the nearest reminder; an expired license gets none', async () => {
    const { customerId, clockId, subscription } = await licensedSubscriber('Tardy');
    await admin(customerId, 'tia@tardy.example');
    await world.advance(clockId, subscription.currentPeriodEnd - 5 * DAY_MS);
    // Canceling at the period end: the email asks for a renewal instead of promising one.
    await world.as('billingA').subscriptions.cancel({ id: subscription.id, when: 'period_end' });
    expect(await run()).toEqual({ licenses: 1, emails: 1 });
    expect(await reminders()).toEqual([{ to: 'tia@tardy.example', days: '7 days' }]);
    expect(await texts()).toEqual([expect.stringContaining('renew it with Tenant A before it expires')]);

    const expired = await licensedSubscriber('Gone');
    await world.database.db
      .updateTable('licenses')
      .set({ subscription_id: null, expires_at: START - DAY_MS })
      .where('id', '=', expired.licenseId)
      .execute();
    expect(await run()).toEqual({ licenses: 0, emails: 0 });
  });

  it('an account without admins is reminded to nobody, and the audit trail says so', async () => {
    const { clockId, subscription, licenseId } = await licensedSubscriber('Lonely');
    await world.advance(clockId, subscription.currentPeriodEnd - 3 * DAY_MS);
    expect(await run()).toEqual({ licenses: 1, emails: 0 });
    const entry = await world.database.db
      .selectFrom('audit_log')
      .select(['action', 'actor_name', 'after'])
      .where('entity_id', '=', licenseId)
      .where('action', '=', 'license.expiry_reminded')
      .executeTakeFirstOrThrow();
    expect(entry.actor_name).toBe('Licensing');
    expect(JSON.parse(entry.after ?? '{}')).toMatchObject({
      days: 7,
      recipients: [],
      expiry_reminded_days: 7,
    });
    expect(await run()).toEqual({ licenses: 0, emails: 0 });
  });

  it('customers on the wall clock are judged at wall time; the job schedules its next day', async () => {
    const customer = await world
      .as('adminA')
      .customers.create({ name: 'Wally', email: 'w@example.com', country: 'US' });
    await admin(customer.id, 'wes@wally.example');
    const policy = await seedPolicy(world.database.db, {
      ...SUBSCRIPTION_POLICY,
      tenantId: tenantId(),
      productId: world.catalog.productId,
      plan_id: null,
      duration_kind: 'FIXED',
      duration_days: 365,
      now: START,
    });
    await seedLicense(world.database.db, {
      customerId: customer.id,
      policy,
      subscription_id: null,
      expires_at: world.clock.now() + 10 * DAY_MS,
      now: START,
    });
    const handler = licenseJobHandlers({ db: world.database.db, logger: silentLogger })[
      LICENSE_REMINDERS_JOB
    ];
    const job = {
      id: 'job_x',
      tenantId: tenantId(),
      kind: LICENSE_REMINDERS_JOB,
      runAt: world.clock.now(),
      payload: {},
      dedupeKey: 'x',
      testClockId: null,
      attempts: 1,
    };
    await handler?.(job, world.clock.now());
    expect(await reminders()).toEqual([{ to: 'wes@wally.example', days: '30 days' }]);
    const next = await world.database.db
      .selectFrom('jobs')
      .select(['run_at', 'status'])
      .where('kind', '=', LICENSE_REMINDERS_JOB)
      .execute();
    expect(next).toEqual([
      { run_at: Math.floor(world.clock.now() / DAY_MS) * DAY_MS + DAY_MS + 8 * HOUR, status: 'pending' },
    ]);
  });
});
