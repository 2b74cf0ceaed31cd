import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { writeActivationRequest } from '../../shared/licensing/activation';
import { silentLogger } from '../lib/logger';
import { signingKeyFor } from '../modules/licensing';
import { ExportRunner } from '../modules/reports';
import { dispatchBillingEvents } from '../modules/emails';
import { insertAccountMember, insertUser } from '../modules/tenants';
import { recordMovements } from '../modules/analytics/metrics/metrics.test-kit';
import { storeTestEvent } from '../modules/stripe-events/stripe-events.test-kit';
import {
  numberedMachines,
  numberedSeats,
  seedLicense,
  seedPolicy,
} from '../modules/licensing/licensing.test-kit';
import { courseIn, instructorInput } from '../modules/marketplace/marketplace.test-kit';
import type { TestWorld } from '../testing/world.test-kit';
import type { Fixture } from './isolation-attempts.test-kit';

/**
 * Tenant B's data for the isolation walk — a customer, catalog, paid subscription, card,
 * clock, email, Stripe event, invitation and API key, all carrying Bertha's name so a
 * response that shows any of it is caught — and snapshots of every table, to prove an
 * attempt wrote nothing.
 */
export async function seedTenantB(world: TestWorld): Promise<Fixture> {
  const bertha = await world
    .as('adminB')
    .customers.create({ name: 'Bertha Benz', email: 'bertha@b.example', country: 'DE' });
  await world.as('adminA').customers.create({ name: 'Alan Turing', email: 'alan@a.example', country: 'GB' });
  // B's catalog carries Bertha's name, so a response from A that shows any of it fails the check below.
  const catalogB = world.as('owner', world.tenants.B.id).catalog;
  await catalogB.createFeature({ key: 'courses.max', name: 'Bertha courses', kind: 'limit' });
  const bProduct = await catalogB.createProduct({ name: 'Bertha Academy' });
  const bPlan = await catalogB.createPlan({
    productId: bProduct.id,
    name: 'Bertha Gold',
    isDefault: true,
    features: { 'courses.max': 7 },
  });
  const bPrice = await catalogB.createPrice({
    planId: bPlan.id,
    amount: 4200,
    currency: 'EUR',
    interval: 'month',
  });
  // And a paid subscription, with its invoice, payment and card, and a test clock.
  const ownerInB = world.as('owner', world.tenants.B.id);
  // B hears about it through a webhook endpoint (never called here: its delivery stays queued).
  const bHook = await ownerInB.webhooks.create({
    url: 'http://127.0.0.1:1/bertha',
    eventTypes: ['subscription.created'],
    description: 'Bertha hooks',
  });
  const bCard = await ownerInB.paymentMethods.add({ customerId: bertha.id, source: '4242 4242 4242 4242' });
  const bSub = await ownerInB.subscriptions.create({
    customerId: bertha.id,
    priceId: bPrice.id,
    trialDays: 0,
  });
  const bClock = await ownerInB.testClocks.create({ name: 'Bertha clock' });
  // Bertha's receipt, in B's email outbox.
  await dispatchBillingEvents(world.database.db, { now: world.clock.now(), logger: silentLogger });
  const bEmail = await world.database.db
    .selectFrom('email_outbox')
    .select('id')
    .where('tenant_id', '=', world.tenants.B.id)
    .executeTakeFirstOrThrow();
  // B has imported from Stripe Billing: A's progress must never show B's run.
  await world.database.db
    .insertInto('stripe_imports')
    .values({
      id: 'imp_BERTHA',
      tenant_id: world.tenants.B.id,
      status: 'done',
      cursor: null,
      requested_by: 'Bertha Benz',
      started_at: 1,
      finished_at: 2,
      updated_at: 2,
      last_error: null,
    })
    .execute();
  // Bertha's MRR, for the Overview and its drill-down: A must never see her movement.
  await recordMovements(world.database.db, world.tenants.B.id, [
    {
      customerId: bertha.id,
      subscriptionId: bSub.subscription.id,
      kind: 'new',
      amount: 4200,
      currency: 'EUR',
      country: 'DE',
      effectiveAt: world.clock.now(),
      planId: bPlan.id,
    },
  ]);
  const bExportId = await exportOfB(world);
  const bAccount = await accountOfBertha(world, bertha.id);
  const bBrandingVersionId = await brandingOfBertha(world, bertha.id);
  const bLicensing = await licensingOfB(world, bProduct.id, bertha.id);
  const bLicenseId = await licenseOfBertha(world, bertha.id, bProduct.id);
  const bMarketplace = await marketplaceOfB(world, bertha.id);
  return {
    ...bLicensing,
    ...bMarketplace,
    bExportId,
    bLicenseId,
    ...bAccount,
    bBrandingVersionId,
    aTenantId: world.tenants.A.id,
    bTenantId: world.tenants.B.id,
    bCustomerId: bertha.id,
    bCustomerVersion: bertha.version,
    bProductId: bProduct.id,
    bPlanId: bPlan.id,
    bPlanVersion: bPlan.version,
    bPriceId: bPrice.id,
    bSubscriptionId: bSub.subscription.id,
    bSubscriptionVersion: bSub.subscription.version,
    bInvoiceId: bSub.invoice?.id ?? '',
    bPaymentId: bSub.payment && 'payment' in bSub.payment ? bSub.payment.payment.id : '',
    bPaymentMethodId: bCard.id,
    bClockId: bClock.id,
    bEmailId: bEmail.id,
    // A dead-lettered event of B's about Bertha: replayable, were it A's.
    bStripeEventId: await storeTestEvent(world, world.tenants.B.id, {
      type: 'customer.updated',
      object: { id: 'cus_BerthaStripe', name: 'Bertha Benz' },
      status: 'dead',
    }),
    bAdminUserId: world.principals.adminB.userId,
    bInvitationId: (
      await world
        .as('adminB')
        .admin.invitations.create({ scope: 'tenant', email: 'bertha.friend@b.example', role: 'viewer' })
    ).invitation.id,
    bApiKeyId: (await world.as('adminB').admin.apiKeys.create({ name: 'Bertha sync', role: 'viewer' })).apiKey
      .id,
    bWebhookEndpointId: bHook.endpoint.id,
    bWebhookDeliveryId: (
      await world.database.db
        .selectFrom('webhook_deliveries')
        .select('id')
        .where('endpoint_id', '=', bHook.endpoint.id)
        .executeTakeFirstOrThrow()
    ).id,
    // B's subscription scheduled its renewal: a job of B's, for the Jobs page's actions.
    bJobId: (
      await world.database.db
        .selectFrom('jobs')
        .select('id')
        .where('tenant_id', '=', world.tenants.B.id)
        .orderBy('id')
        .executeTakeFirstOrThrow()
    ).id,
  };
}

/**
 * Every row of every tenant-scoped table, for a before/after comparison. Rows are sorted by
 * their JSON rather than ordered by rowid: most tables have no rowid on PostgreSQL, where an
 * update may also move a row within its table's scan order.
 */
export async function snapshotTables(world: TestWorld): Promise<Record<string, Record<string, unknown>[]>> {
  const tables = [
    'tenants',
    'users',
    'memberships',
    'customers',
    'audit_log',
    'audit_chain_heads',
    'change_log',
    'settings',
  ];
  const catalogTables = ['features', 'products', 'plans', 'plan_features', 'prices'];
  const billingTables = [
    'subscriptions',
    'invoices',
    'invoice_lines',
    'invoice_sequences',
    'payments',
    'refunds',
    'payment_methods',
    'balance_transactions',
    'test_clocks',
    'jobs',
    'billing_events',
    'sandbox_charges',
    'sandbox_requests',
    'email_outbox',
    'email_settings',
    'notification_cursors',
    'stripe_events',
    'stripe_event_attempts',
    'stripe_webhook_endpoints',
    'recovery_policies',
    'invoice_recoveries',
    'recovery_pauses',
    'disputes',
    'api_keys',
    'invitations',
    'account_members',
    'account_invitations',
    'webhook_endpoints',
    'webhook_secrets',
    'webhook_events',
    'webhook_deliveries',
    'webhook_attempts',
    'mrr_movements',
    'mrr_monthly',
    'mrr_cohorts',
    'branding_versions',
    'license_policies',
    'licenses',
    'license_machines',
    'license_seats',
    'license_usage',
    'license_usage_events',
    'license_validations',
    'license_signing_keys',
    'marketplace_settings',
    'instructors',
    'courses',
    'course_prices',
    'course_decisions',
  ];
  const snapshot: Record<string, Record<string, unknown>[]> = {};
  for (const t of [...tables, ...catalogTables, ...billingTables]) {
    const { rows } = await sql<Record<string, unknown>>`SELECT * FROM ${sql.table(t)}`.execute(
      world.database.db,
    );
    snapshot[t] = rows
      .map((row) => ({ row, key: JSON.stringify(row) }))
      .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
      .map(({ row }) => row);
  }
  return snapshot;
}

export function rowsOfB(world: TestWorld, tables: Record<string, Record<string, unknown>[]>) {
  const b = world.tenants.B.id;
  return Object.entries(tables).map(([t, rows]) => [t, rows.filter((r) => r.tenant_id === b || r.id === b)]);
}

/** An export runner for the world (its files in a folder removed on close), and an export made by B's admin. */
async function exportOfB(world: TestWorld): Promise<string> {
  const directory = await mkdtemp(join(tmpdir(), 'tollgate-isolation-'));
  const runner = new ExportRunner(world.database.db, directory, silentLogger);
  world.services.exports = runner;
  const closeWorld = world.close.bind(world);
  world.close = async () => {
    await runner.idle();
    await closeWorld();
    await rm(directory, { recursive: true, force: true });
  };
  const started = await world.as('adminB').exports.start({ source: 'customers', view: {}, format: 'csv' });
  await runner.settled(started.id);
  return started.id;
}

/** B's marketplace: Bertha teaches a published course and has another in review; B's own settings. */
async function marketplaceOfB(world: TestWorld, customerId: string) {
  const adminB = world.as('adminB');
  const instructor = await adminB.marketplace.instructors.create(
    instructorInput({ name: 'Bertha Benz', email: 'bertha.teaches@b.example', customerId }),
  );
  const published = await courseIn(adminB, instructor.id, 'published', { title: 'Bertha drives' });
  const inReview = await courseIn(adminB, instructor.id, 'in_review', { title: 'Bertha repairs' });
  await adminB.marketplace.settings.update({ expectedVersion: 0, patch: { defaultShareBps: 8000 } });
  return {
    bInstructorId: instructor.id,
    bInstructorVersion: instructor.version,
    bCourseId: published.id,
    bCourseVersion: published.version,
    bReviewCourseId: inReview.id,
    bReviewCourseVersion: inReview.version,
  };
}

/** Bertha's account: an admin bound to it, and an open invitation to it (decision 145). */
async function accountOfBertha(world: TestWorld, customerId: string) {
  const now = world.clock.now();
  const user = await insertUser(world.database.db, {
    email: 'bertha.admin@b.example',
    name: 'Bertha Admin',
    now,
  });
  await insertAccountMember(world.database.db, {
    tenantId: world.tenants.B.id,
    customerId,
    userId: user.id,
    createdBy: null,
    now,
  });
  const invited = await world
    .as('adminB')
    .accountAdmins.invite({ customerId, email: 'bertha.friend@b.example' });
  return { bAccountAdminUserId: user.id, bAccountInvitationId: invited.invitation.id };
}

/** Bertha's account's branding: a draft of B's, for the branding procedures to be tried against. */
async function brandingOfBertha(world: TestWorld, customerId: string): Promise<string> {
  const saved = await world.as('adminB').branding.saveDraft({
    customerId,
    branding: {
      productName: 'Bertha Learning',
      logo: null,
      colors: { primary: '#5f3dc4', accent: '#1864ab', background: '#ffffff', text: '#1a1a1a' },
      customDomain: 'learn.bertha.example',
      senderName: 'Bertha Learning',
      replyTo: null,
    },
  });
  return saved.draft.id;
}

/** B's licensing: a policy of Bertha's product, B's signing key, Bertha's license and its machine. */
async function licensingOfB(world: TestWorld, productId: string, customerId: string) {
  const policy = await world.as('adminB').licensePolicies.create({
    name: 'Bertha Enterprise',
    productId,
    durationKind: 'FIXED',
    durationDays: 365,
    machineMode: 'FLOATING',
    maxMachines: 5,
    expirationStrategy: 'RESTRICT',
    pastDueAction: 'OVERDUE',
  });
  const key = await signingKeyFor(world.database.db, world.tenants.B.id, world.clock.now());
  const issued = await world
    .as('adminB')
    .licenses.issue({ customerId, policyId: policy.id, name: 'Bertha campus' });
  const bMachineId = 'lmc_01BERTHA000000000000000000';
  await world.database.db
    .insertInto('license_machines')
    .values({
      id: bMachineId,
      tenant_id: world.tenants.B.id,
      customer_id: customerId,
      license_id: issued.license.id,
      fingerprint: 'bertha-laptop',
      activated_via: 'api',
      activated_at: world.clock.now(),
    })
    .execute();
  const bActivationRequest = await writeActivationRequest({
    licenseKey: issued.key,
    fingerprint: 'bertha-desktop',
    name: 'Bertha desktop',
    platform: 'linux',
    createdAt: world.clock.now(),
  });
  return {
    bPolicyId: policy.id,
    bPolicyVersion: policy.version,
    bSigningKid: key.kid,
    bIssuedLicenseId: issued.license.id,
    bIssuedLicenseVersion: issued.license.version,
    bMachineId,
    bActivationRequest,
  };
}

/** Bertha's license, with a machine, a seat, usage and a validation, all named after her. */
async function licenseOfBertha(world: TestWorld, customerId: string, productId: string) {
  const db = world.database.db;
  const tenantId = world.tenants.B.id;
  const now = world.clock.now();
  const policy = await seedPolicy(db, {
    tenantId,
    productId,
    name: 'Bertha policy',
    now,
    max_machines: 5,
    max_users: 10,
  });
  const name = 'Bertha license';
  const { license } = await seedLicense(db, {
    policy,
    customerId,
    name,
    now,
    machines: numberedMachines(1, name, now),
    seats: numberedSeats(1, name, now),
    usage: [{ metric: 'bertha_hours', period: '2026-01', quantity: 3 }],
    validations: [{ slot: 0, at: now, code: 'VALID', valid: true, address: 'bertha.b' }],
  });
  return license.id;
}
