import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DAY_MS } from '../../shared/billing/periods';
import { createBillingWorld, GOOD_CARD, type BillingWorld } from '../testing/billing.test-kit';
import { seenByClient } from '../testing/errors.test-kit';
import { numericLeaves, withLeaf, type LeafPath } from '../testing/schema-leaves.test-kit';
import { START, testCaller } from '../testing/world.test-kit';
import { insertAccountMember, insertUser, loadPrincipal } from '../modules/tenants';
import { seedLicense, seedPolicy } from '../modules/licensing/licensing.test-kit';
import { courseIn, courseInput, instructorInput } from '../modules/marketplace/marketplace.test-kit';
import type { CourseStatus } from '../../shared/marketplace/publishing';
import { APP_PROCEDURES, callProcedure, inputSchemasOf } from '../testing/procedure-walk.test-kit';

/**
 * Every number a procedure takes (amounts, quantities, counts, times, versions, cursors),
 * found by walking each procedure's input schema, gets the values that broke arithmetic
 * and storage before: past 2^53, at its edge, 1e308, NaN-ish strings and a 1 MB string.
 * Each must be answered (accepted, or refused with a clear error), never by an internal
 * error. The rest of the input is valid, so the odd value is the only thing wrong.
 */

const ONE_MB = '9'.repeat(1024 * 1024);
const HOSTILE: readonly unknown[] = [
  2 ** 53,
  2 ** 53 - 1,
  -(2 ** 53),
  -(2 ** 53 - 1),
  1e308,
  -1e308,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  'NaN',
  '1e308',
  '9007199254740993',
  '-0',
  ONE_MB,
];

type Caller = ReturnType<BillingWorld['as']>;
type ValidInput = (kit: Kit) => unknown;

interface Kit {
  world: BillingWorld;
  staff: Caller;
  /** The account admin of the kit's customer, for account procedures (decision 145). */
  account: Caller;
  customerId: string;
  planId: string;
  /** A new paid subscription of the kit's customer: its id, version and payment. */
  freshSubscription(): Promise<{ id: string; version: number; paymentId: string }>;
  next(): number;
}

/** A valid input per procedure that takes a number; a new such procedure without one fails the walk. */
const VALID: Record<string, ValidInput> = {
  'audit.list': () => ({ from: START - DAY_MS, to: START + DAY_MS, limit: 50 }),
  'customers.list': () => ({ limit: 10 }),
  'timeline.customer': (k) => ({ customerId: k.customerId, limit: 10 }),
  'customers.update': async (k) => {
    const customer = await k.staff.customers.get({ id: k.customerId });
    return { id: k.customerId, expectedVersion: customer.version, patch: { name: `Nina ${k.next()}` } };
  },
  'catalog.createPlan': (k) => ({
    productId: k.world.catalog.productId,
    name: `Plan ${k.next()}`,
    sortOrder: 3,
    features: { 'courses.max': 5 },
  }),
  'catalog.updatePlan': async (k) => {
    const overview = await k.staff.catalog.overview();
    const plan = overview.products.flatMap((p) => p.plans).find((p) => p.id === k.planId);
    return {
      id: k.planId,
      expectedVersion: plan?.version ?? 0,
      patch: { sortOrder: 4, features: { 'courses.max': 6 } },
    };
  },
  'catalog.createPrice': (k) => ({
    planId: k.planId,
    amount: 1500,
    currency: 'USD',
    interval: 'month',
    trialDays: 0,
  }),
  'subscriptions.list': () => ({ limit: 10 }),
  'subscriptions.create': (k) => ({
    customerId: k.customerId,
    priceId: k.world.catalog.prices.proMonthlyUsd,
    quantity: 2,
    trialDays: 7,
  }),
  'subscriptions.previewChange': async (k) => ({
    id: (await k.freshSubscription()).id,
    priceId: k.world.catalog.prices.enterpriseMonthlyUsd,
    quantity: 3,
  }),
  'subscriptions.changePlan': async (k) => {
    const subscription = await k.freshSubscription();
    return {
      id: subscription.id,
      priceId: k.world.catalog.prices.enterpriseMonthlyUsd,
      quantity: 3,
      expectedVersion: subscription.version,
    };
  },
  'subscriptions.pause': async (k) => ({
    id: (await k.freshSubscription()).id,
    resumeAt: START + 30 * DAY_MS,
  }),
  'invoices.list': () => ({ limit: 10 }),
  'invoices.createManual': (k) => ({
    customerId: k.customerId,
    currency: 'USD',
    lines: [{ description: 'Workshop seat', quantity: 2, unitAmount: 4900 }],
  }),
  'payments.list': () => ({ limit: 10 }),
  'payments.refund': async (k) => ({
    paymentId: (await k.freshSubscription()).paymentId,
    amount: 100,
    reason: 'requested_by_customer',
  }),
  'testClocks.create': (k) => ({ name: `Clock ${k.next()}`, startAt: START }),
  'testClocks.advance': async (k) => ({
    id: (await k.staff.testClocks.create({ name: `Clock ${k.next()}`, startAt: START })).id,
    to: START + DAY_MS,
  }),
  'recovery.list': () => ({ limit: 10 }),
  'recovery.stats': () => ({ months: 6 }),
  'analytics.movements': () => ({ from: '2026-01', to: '2026-01', segment: {}, limit: 10 }),
  'search.find': () => ({ query: 'Ada', limit: 5 }),
  'recovery.updatePolicy': () => ({
    retryBaseHours: 12,
    backoffFactor: 1.5,
    maxAttempts: 3,
    graceDays: 10,
    finalAction: 'unpaid',
  }),
  'emails.list': () => ({ limit: 10 }),
  'emails.updateSettings': async (k) => {
    const { version, ...settings } = await k.staff.emails.settings();
    return { expectedVersion: version, settings: { ...settings, footerText: `Footer ${k.next()}` } };
  },
  'stripeEvents.list': () => ({ from: START - DAY_MS, to: START + DAY_MS, limit: 10 }),
  'sync.pull': () => ({ cursor: 0, limit: 10 }),
  'sync.push': (k) => ({
    clientId: `numbers-${k.next()}`,
    mutations: [
      { id: 1, tenantId: k.world.tenants.A.id, path: 'testClocks.create', input: { name: 'Pushed' } },
    ],
  }),
  'connection.outbox': () => ({ limit: 10 }),
  'connection.cancel': () => ({ id: 1 }),
  'connection.retry': () => ({ id: 1 }),
  'connection.acknowledge': () => ({ id: 1 }),
  'webhooks.deliveries': async (k) => ({ endpointId: await numbersEndpoint(k), limit: 10 }),
  'analyticsSettings.fxRates': () => ({ limit: 10 }),
  'account.invoices': () => ({ limit: 10 }),
  'licenses.list': () => ({ limit: 10, expiringBefore: START + DAY_MS }),
  'licenses.usage': async (k) => ({ id: await numbersLicense(k), periods: 6 }),
  'analyticsSettings.update': () => ({
    reportingCurrency: 'USD',
    pastDueChurnDays: 30,
    financePackRecipients: ['cfo@example.com'],
  }),
  'licensePolicies.create': (k) => policyInput(k),
  'licensePolicies.update': async (k) => {
    const policy = await k.staff.licensePolicies.create(policyInput(k));
    return { id: policy.id, expectedVersion: policy.version, patch: { maxUsers: 5, durationDays: 60 } };
  },
  'licensePolicies.archive': async (k) => {
    const policy = await k.staff.licensePolicies.create(policyInput(k));
    return { id: policy.id, expectedVersion: policy.version };
  },
  'licenses.suspend': async (k) => ({ ...(await freshLicense(k)), reason: 'Unpaid' }),
  'licenses.reinstate': async (k) => {
    const license = await freshLicense(k);
    const suspended = await k.staff.licenses.suspend({ ...license, reason: 'Unpaid' });
    return { id: suspended.id, expectedVersion: suspended.version };
  },
  'licenses.renew': (k) => freshLicense(k),
  'licenses.revoke': (k) => freshLicense(k),
  'licenses.rekey': (k) => freshLicense(k),
  'licenses.transfer': async (k) => ({ ...(await freshLicense(k)), customerId: await otherCustomer(k) }),
  'licenses.relink': async (k) => ({
    ...(await freshLicense(k)),
    subscriptionId: (await k.freshSubscription()).id,
  }),
  'marketplace.instructors.list': () => ({ limit: 10 }),
  'marketplace.instructors.create': () => instructorInput({ shareBps: 6500 }),
  'marketplace.instructors.update': async (k) => {
    const instructor = await k.staff.marketplace.instructors.create(instructorInput());
    return { id: instructor.id, expectedVersion: instructor.version, patch: { shareBps: 7500 } };
  },
  'marketplace.courses.list': () => ({
    limit: 10,
    currency: 'USD',
    priceMin: 100,
    priceMax: 5000,
    minRating: 4.5,
  }),
  'marketplace.courses.create': async (k) => courseInput(await numbersInstructor(k), { shareBps: 6000 }),
  'marketplace.courses.update': async (k) => {
    const course = await numbersCourse(k, 'draft');
    return { ...course, patch: { prices: [{ currency: 'USD', amount: 2500 }], shareBps: 5000 } };
  },
  'marketplace.courses.submitForReview': (k) => numbersCourse(k, 'draft'),
  'marketplace.courses.approve': (k) => numbersCourse(k, 'in_review'),
  'marketplace.courses.reject': async (k) => ({ ...(await numbersCourse(k, 'in_review')), reason: 'Blurry' }),
  'marketplace.courses.unpublish': async (k) => ({ ...(await numbersCourse(k, 'published')), reason: null }),
  'marketplace.courses.republish': (k) => numbersCourse(k, 'unpublished'),
  'marketplace.courses.archive': (k) => numbersCourse(k, 'draft'),
  'marketplace.settings.update': async (k) => ({
    expectedVersion: (await k.staff.marketplace.settings.get()).version,
    patch: { defaultShareBps: 7000, refundWindowDays: 14, holdDays: 7, payoutDayOfMonth: 2 },
  }),
};

let instructorOfNumbers: Promise<string> | undefined;
/** One instructor for every course below, made the first time it is needed. */
function numbersInstructor(k: Kit): Promise<string> {
  instructorOfNumbers ??= k.staff.marketplace.instructors.create(instructorInput()).then((i) => i.id);
  return instructorOfNumbers;
}

/** A new course taken to `status`, as `{ id, expectedVersion }`. */
async function numbersCourse(k: Kit, status: CourseStatus) {
  const course = await courseIn(k.staff, await numbersInstructor(k), status);
  return { id: course.id, expectedVersion: course.version };
}

/** A policy with every number a policy takes (durations, counts, intervals, limits, prices, percents). */
function policyInput(k: Kit) {
  return {
    name: `Policy ${k.next()}`,
    productId: k.world.catalog.productId,
    durationKind: 'FIXED' as const,
    durationDays: 30,
    machineMode: 'FLOATING' as const,
    maxMachines: 3,
    maxUsers: 10,
    expirationStrategy: 'RESTRICT' as const,
    checkInIntervalSeconds: 3600,
    heartbeatTtlSeconds: 600,
    pastDueAction: 'OVERDUE' as const,
    usageLimits: [
      { metric: 'api.calls', limit: 100, rule: { kind: 'BILL' as const, unitPrice: 5, currency: 'USD' } },
      { metric: 'hours', limit: 10, rule: { kind: 'ALLOW_MULTIPLE' as const, percent: 150 } },
    ],
  };
}

/** A new license of the kit's customer, as `{ id, expectedVersion }`. */
async function freshLicense(k: Kit) {
  const policy = await k.staff.licensePolicies.create(policyInput(k));
  const issued = await k.staff.licenses.issue({
    customerId: k.customerId,
    policyId: policy.id,
    name: 'Numbers',
  });
  return { id: issued.license.id, expectedVersion: issued.license.version };
}

let transferTarget: Promise<string> | undefined;
/** Another customer to transfer licenses to, made the first time it is needed. */
function otherCustomer(k: Kit): Promise<string> {
  transferTarget ??= k.staff.customers
    .create({ name: 'Otto Other', email: 'otto@n.example', country: 'US' })
    .then((c) => c.id);
  return transferTarget;
}

let endpointOfNumbers: Promise<string> | undefined;
/** One endpoint for every odd value, made the first time it is needed. */
function numbersEndpoint(k: Kit): Promise<string> {
  endpointOfNumbers ??= k.staff.webhooks
    .create({ url: 'http://127.0.0.1:1/numbers', eventTypes: ['invoice.paid'] })
    .then((created) => created.endpoint.id);
  return endpointOfNumbers;
}

function leavesOf(path: string): LeafPath[] {
  return inputSchemasOf(path).flatMap((schema) => numericLeaves(schema));
}

let licenseOfNumbers: Promise<string> | undefined;
/** One license (written directly: the reads are what is walked), made the first time it is needed. */
function numbersLicense(k: Kit): Promise<string> {
  const db = k.world.database.db;
  const tenantId = k.world.tenants.A.id;
  licenseOfNumbers ??= seedPolicy(db, {
    tenantId,
    productId: k.world.catalog.productId,
    name: 'Numbers',
    now: START,
    max_machines: 5,
    max_users: 10,
  })
    .then((policy) => seedLicense(db, { policy, customerId: k.customerId, name: 'Numbers', now: START }))
    .then((seeded) => seeded.license.id);
  return licenseOfNumbers;
}

let kit: Kit;

beforeAll(async () => {
  const world = await createBillingWorld();
  const staff = world.as('owner', world.tenants.A.id);
  const customer = await staff.customers.create({
    name: 'Nina Numbers',
    email: 'nina@n.example',
    country: 'US',
  });
  await staff.paymentMethods.add({ customerId: customer.id, source: GOOD_CARD, makeDefault: true });
  let counter = 0;
  const now = world.clock.now();
  const admin = await insertUser(world.database.db, { email: 'nina.admin@n.example', name: 'Nina', now });
  await insertAccountMember(world.database.db, {
    tenantId: world.tenants.A.id,
    customerId: customer.id,
    userId: admin.id,
    createdBy: null,
    now,
  });
  const principal = await loadPrincipal(world.database.db, admin.id);
  kit = {
    world,
    staff,
    account: testCaller(world.services, principal, world.tenants.A.id, 'nina-admin'),
    customerId: customer.id,
    planId: world.catalog.plans.pro,
    next: () => ++counter,
    async freshSubscription() {
      const started = await staff.subscriptions.create({
        customerId: customer.id,
        priceId: world.catalog.prices.proMonthlyUsd,
        trialDays: 0,
      });
      const payment = started.payment && 'payment' in started.payment ? started.payment.payment : null;
      return {
        id: started.subscription.id,
        version: started.subscription.version,
        paymentId: payment?.id ?? '',
      };
    },
  };
});
afterAll(async () => {
  await kit?.world.close();
});

/** Account procedures answer an account admin only; every other procedure, staff. */
const callerFor = (path: string): Caller => (path.startsWith('account.') ? kit.account : kit.staff);

describe('numbers in every procedure', () => {
  it('are all walked: each procedure taking a number has a valid input here', () => {
    const taking = Object.keys(APP_PROCEDURES).filter((path) => leavesOf(path).length > 0);
    expect(taking.length).toBeGreaterThan(20);
    expect(Object.keys(VALID).sort()).toEqual(taking.sort());
  });

  for (const path of Object.keys(VALID)) {
    it(`${path}: its valid input is accepted, so each odd value below is the only thing wrong`, async () => {
      const valid = VALID[path];
      if (!valid) throw new Error(`no valid input for ${path}`);
      await expect(callProcedure(callerFor(path), path, await valid(kit))).resolves.toBeDefined();
    });

    for (const leaf of leavesOf(path)) {
      it(`${path}: ${leaf.join('.')} — 2^53, 1e308, NaN-ish and 1 MB values get a clear answer`, async () => {
        const valid = VALID[path];
        if (!valid) throw new Error(`no valid input for ${path}`);
        for (const value of HOSTILE) {
          const input = withLeaf(await valid(kit), leaf, value);
          const outcome = await callProcedure(callerFor(path), path, input).then(
            () => null,
            (error: unknown) => seenByClient(error),
          );
          const shown = typeof value === 'string' ? `${value.slice(0, 20)}…` : String(value);
          expect(outcome?.code, `${leaf.join('.')} = ${shown}: ${outcome?.message}`).not.toBe(
            'INTERNAL_SERVER_ERROR',
          );
        }
      });
    }
  }
});
