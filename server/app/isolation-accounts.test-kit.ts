import { armor } from '../../shared/licensing/armor';
import { jsonBytes } from '../../shared/licensing/encoding';
import { ACCOUNT_POLICY, seedLicense, seedPolicy } from '../modules/licensing/licensing.test-kit';
import { loadPrincipal, insertAccountMember, insertUser } from '../modules/tenants';
import type { Principal } from '../trpc/context';
import { testCaller, type TestWorld } from '../testing/world.test-kit';

/**
 * The account admin attacker (decision 145): Xavier administers customer X's account in
 * tenant A. Customer Y of the same tenant (Yolanda) has her own subscription, invoice and
 * card; every account procedure is tried against them by naming Y's ids, and every staff
 * procedure (isolation-attempts.test-kit.ts) by Xavier must be refused.
 */

export type AccountCaller = ReturnType<typeof testCaller>;

export interface AccountFixture {
  xCustomerId: string;
  xInvoiceId: string;
  yCustomerId: string;
  ySubscriptionId: string;
  yInvoiceId: string;
  yPaymentMethodId: string;
  /** A draft of Y's account's branding (made by staff). */
  yBrandingVersionId: string;
  /** X's license (one machine, one seat of five) and Y's, each of their own customer. */
  xLicenseId: string;
  xMachineId: string;
  xSeatId: string;
  yLicenseId: string;
  yMachineId: string;
  ySeatId: string;
  xavier: Principal;
}

/** One attempt per account procedure, naming Y's ids wherever the input takes an id. */
export const ACCOUNT_ATTEMPTS: Record<string, (x: AccountCaller, f: AccountFixture) => Promise<unknown>> = {
  'account.overview': (x) => x.account.overview(),
  'account.invoices': (x) => x.account.invoices({ limit: 200 }),
  'account.invoice': (x, f) => x.account.invoice({ id: f.yInvoiceId }),
  'account.receipt': (x, f) => x.account.receipt({ id: f.yInvoiceId, format: 'html' }),
  // White-label: X's own branding only; Y's versions are not found.
  'accountBranding.get': (x) => x.accountBranding.get(),
  'accountBranding.versions': (x) => x.accountBranding.versions(),
  'accountBranding.saveDraft': (x) =>
    x.accountBranding.saveDraft({
      branding: {
        productName: 'Xander Learning',
        logo: null,
        colors: { primary: '#5f3dc4', accent: '#1864ab', background: '#ffffff', text: '#1a1a1a' },
        customDomain: null,
        senderName: null,
        replyTo: null,
      },
    }),
  'accountBranding.publish': (x, f) => x.accountBranding.publish({ draftId: f.yBrandingVersionId }),
  'accountBranding.restore': (x, f) => x.accountBranding.restore({ id: f.yBrandingVersionId }),
  'accountLicenses.list': (x) => x.accountLicenses.list(),
  'accountLicenses.get': (x, f) => x.accountLicenses.get({ id: f.yLicenseId }),
  'accountLicenses.assignSeat': (x, f) =>
    x.accountLicenses.assignSeat({ licenseId: f.yLicenseId, email: 'mallory@x.example' }),
  // X's own license with Y's seat or machine: found by neither.
  'accountLicenses.removeSeat': (x, f) =>
    x.accountLicenses.removeSeat({ licenseId: f.xLicenseId, seatId: f.ySeatId }),
  'accountLicenses.releaseMachine': (x, f) =>
    x.accountLicenses.releaseMachine({ licenseId: f.xLicenseId, machineId: f.yMachineId }),
  // A well-formed request naming Y's license (its proof never gets looked at).
  'accountLicenses.activateOffline': (x, f) =>
    x.accountLicenses.activateOffline({ request: requestNaming(f.yLicenseId) }),
};

/** An activation request file naming `licenseId`, its proof made with no key at all. */
export const requestNaming = (licenseId: string) =>
  armor(
    'activation',
    jsonBytes({
      v: 1,
      licenseId,
      fingerprint: 'xfp-air-gapped',
      name: 'Air-gapped',
      platform: 'linux',
      nonce: 'AAAAAAAAAAAAAAAAAAAAAA',
      createdAt: 0,
      proof: 'AAAA',
    }),
  );

/**
 * Account procedures that rightly write the admin's own account (X): for them the walk checks
 * that nothing of Y's or tenant B's changed, instead of nothing at all.
 */
export const WRITES_OWN_ACCOUNT = new Set(['accountBranding.saveDraft']);

/** The rows of a snapshot that name Y or tenant B, table by table. */
export function rowsOfYOrB(
  world: TestWorld,
  f: AccountFixture,
  tables: Record<string, Record<string, unknown>[]>,
) {
  const names = (row: Record<string, unknown>) => {
    const text = JSON.stringify(row);
    return text.includes(f.yCustomerId) || text.includes(world.tenants.B.id);
  };
  return Object.entries(tables).map(([t, rows]) => [t, rows.filter(names)]);
}

/** What must never appear in anything Xavier is answered: Y's ids and name, and tenant B's. */
export function secretsOfY(world: TestWorld, f: AccountFixture): string[] {
  return [
    f.yCustomerId,
    f.ySubscriptionId,
    f.yInvoiceId,
    f.yPaymentMethodId,
    f.yLicenseId,
    f.yMachineId,
    f.ySeatId,
    'Yolanda',
    'yfp-',
    world.tenants.B.id,
  ];
}

async function customerWithInvoice(world: TestWorld, name: string, email: string) {
  const owner = world.as('owner', world.tenants.A.id);
  const customer = await owner.customers.create({ name, email, country: 'FR' });
  const card = await owner.paymentMethods.add({ customerId: customer.id, source: '4242 4242 4242 4242' });
  const { plans } = await owner.catalog.overview({ includeArchived: false }).then((c) => ({
    plans: c.products.flatMap((p) => p.plans),
  }));
  const price = plans.flatMap((p) => p.prices)[0];
  if (!price) throw new Error('tenant A has no price to subscribe to');
  const sub = await owner.subscriptions.create({ customerId: customer.id, priceId: price.id, trialDays: 0 });
  return { customer, card, sub };
}

/** X and Y in tenant A, each subscribed and invoiced, and X's account admin Xavier. */
export async function seedAccounts(world: TestWorld): Promise<AccountFixture> {
  const catalog = world.as('owner', world.tenants.A.id).catalog;
  const product = await catalog.createProduct({ name: 'A Courses' });
  const plan = await catalog.createPlan({ productId: product.id, name: 'A Team', isDefault: true });
  await catalog.createPrice({ planId: plan.id, amount: 9900, currency: 'EUR', interval: 'month' });
  const x = await customerWithInvoice(world, 'Xander Corp', 'billing@x.example');
  const y = await customerWithInvoice(world, 'Yolanda Ltd', 'billing@y.example');
  const now = world.clock.now();
  const licenseOf = async (customerId: string, name: string, who: string) => {
    const policy = await seedPolicy(world.database.db, {
      tenantId: world.tenants.A.id,
      productId: product.id,
      name: `${name} policy`,
      now,
      ...ACCOUNT_POLICY,
      usageLimits: [{ metric: 'course_hours', limit: 100, rule: { kind: 'BLOCK' } }],
    });
    const seeded = await seedLicense(world.database.db, {
      policy,
      customerId,
      name,
      now,
      machines: [{ fingerprint: `${who}fp-laptop-1`, name: `${name} laptop` }],
      seats: [{ email: `seat@${who}.example`, name: `${name} seat holder` }],
      usage: [{ metric: 'course_hours', period: '2026-01', quantity: 12 }],
      validations: [
        {
          slot: 0,
          at: now,
          code: 'VALID',
          valid: true,
          fingerprint: `${who}fp-laptop-1`,
          address: '203.0.113.7',
        },
      ],
    });
    return { licenseId: seeded.license.id, machineIds: seeded.machineIds, seatIds: seeded.seatIds };
  };
  const xLicense = await licenseOf(x.customer.id, 'Xander campus', 'x');
  const yLicense = await licenseOf(y.customer.id, 'Yolanda campus', 'y');
  const user = await insertUser(world.database.db, { email: 'xavier@x.example', name: 'Xavier', now });
  await insertAccountMember(world.database.db, {
    tenantId: world.tenants.A.id,
    customerId: x.customer.id,
    userId: user.id,
    createdBy: null,
    now,
  });
  const yBranding = await world.as('owner', world.tenants.A.id).branding.saveDraft({
    customerId: y.customer.id,
    branding: {
      productName: 'Yolanda Learning',
      logo: null,
      colors: { primary: '#5f3dc4', accent: '#1864ab', background: '#ffffff', text: '#1a1a1a' },
      customDomain: null,
      senderName: null,
      replyTo: null,
    },
  });
  return {
    yBrandingVersionId: yBranding.draft.id,
    xCustomerId: x.customer.id,
    xInvoiceId: x.sub.invoice?.id ?? '',
    yCustomerId: y.customer.id,
    ySubscriptionId: y.sub.subscription.id,
    yInvoiceId: y.sub.invoice?.id ?? '',
    yPaymentMethodId: y.card.id,
    xLicenseId: xLicense.licenseId,
    xMachineId: xLicense.machineIds[0] ?? '',
    xSeatId: xLicense.seatIds[0] ?? '',
    yLicenseId: yLicense.licenseId,
    yMachineId: yLicense.machineIds[0] ?? '',
    ySeatId: yLicense.seatIds[0] ?? '',
    xavier: await loadPrincipal(world.database.db, user.id),
  };
}

/** A caller acting as Xavier, asking for `tenantId` (null: his default, tenant A). */
export function asXavier(world: TestWorld, f: AccountFixture, tenantId: string | null = null): AccountCaller {
  return testCaller(world.services, f.xavier, tenantId, 'xavier');
}
