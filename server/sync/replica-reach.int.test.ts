import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { can, type Permission } from '../../shared/permissions';
import { createContext, type Principal } from '../trpc/context';
import { seedTenantB } from '../app/isolation-fixture.test-kit';
import { listProcedures } from '../app/procedures';
import { appRouter } from '../app/router';
import { createCallerFactory } from '../trpc/base';
import { verifyApiKey } from '../auth/api-keys';
import { silentLogger } from '../lib/logger';
import { loadPrincipal } from '../modules/tenants';
import { dispatchBillingEvents } from '../modules/emails';
import {
  TIMELINE_ENTITY_TYPES,
  type TimelineEntry,
  type TimelineKind,
  type TimelinePage,
} from '../modules/timeline';
import { expectDomainError } from '../testing/errors.test-kit';
import { createTestWorld, type Persona, type TestWorld } from '../testing/world.test-kit';
import { pageQuery, scopeOf, type RowChange } from './pull';
import { planOf } from './query-plan.test-kit';
import { reachOf } from './reach';
import { TABLE_REACH } from './replicated-tables';

/**
 * Every kind of principal — each platform role, each tenant role as a signed-in member and as
 * an API key — pulls everything, and each table's rows must be exactly what that principal
 * may list through the API: a forbidden table's rows absent, an allowed one's all present.
 */

const createCaller = createCallerFactory(appRouter);
const procedurePermission = new Map(listProcedures().map((p) => [p.path, p.permission]));

let world: TestWorld;
const principals = new Map<string, Principal>();
const INVITEE = 'invitee.alan@a.example';
const KEY_NAME = 'Warehouse nightly export';

function callerFor(principal: Principal, tenantId: string) {
  return createCaller(
    createContext({
      services: world.services,
      principal,
      requestedTenantId: tenantId,
      client: { kind: 'test', id: 'reach' },
    }),
  );
}

/** Tenant A as rich as B: catalog, a paid subscription with its card and receipt, an invitation, keys. */
async function seedTenantA(): Promise<void> {
  const ownerInA = world.as('owner', world.tenants.A.id);
  const alan = (await world.as('adminA').customers.list({})).items[0];
  if (!alan) throw new Error('seedTenantB makes Alan in A');
  await ownerInA.catalog.createFeature({ key: 'seats.max', name: 'Seats', kind: 'limit' });
  const product = await ownerInA.catalog.createProduct({ name: 'Alan Academy' });
  const plan = await ownerInA.catalog.createPlan({
    productId: product.id,
    name: 'Gold',
    features: { 'seats.max': 3 },
  });
  const price = await ownerInA.catalog.createPrice({
    planId: plan.id,
    amount: 1900,
    currency: 'GBP',
    interval: 'month',
  });
  await ownerInA.paymentMethods.add({ customerId: alan.id, source: '4242 4242 4242 4242' });
  await ownerInA.subscriptions.create({ customerId: alan.id, priceId: price.id, trialDays: 0 });
  await dispatchBillingEvents(world.database.db, { now: world.clock.now(), logger: silentLogger });
  await world.as('adminA').admin.invitations.create({ scope: 'tenant', email: INVITEE, role: 'viewer' });
  await world.as('owner', world.tenants.A.id).admin.invitations.create({
    scope: 'platform',
    email: 'new.staff@platform.example',
    role: 'analyst',
  });
  await world.as('adminA').admin.apiKeys.create({ name: KEY_NAME, role: 'viewer' });
  for (const role of ['admin', 'billing', 'viewer'] as const) {
    const made = await world.as('adminA').admin.apiKeys.create({ name: `${role} key`, role });
    principals.set(`apiKey:${role}`, await verifyApiKey(world.database.db, made.key, world.clock.now()));
  }
}

beforeAll(async () => {
  world = await createTestWorld();
  await seedTenantB(world);
  await seedTenantA();
  for (const persona of Object.keys(world.principals) as Persona[]) {
    principals.set(persona, world.principals[persona]);
  }
});
afterAll(async () => {
  await world.close();
});

async function pullAll(principal: Principal, tenantId: string): Promise<RowChange[]> {
  const page = await callerFor(principal, tenantId).sync.pull({ cursor: 0, limit: 5000, withTotal: true });
  expect(page.more).toBe(false);
  return page.changes;
}

interface LoggedRow {
  tbl: string;
  pk: string;
  tenant_id: string | null;
  row: string | null;
}
function logged(): Promise<LoggedRow[]> {
  return world.database.db.selectFrom('sync_rows').select(['tbl', 'pk', 'tenant_id', 'row']).execute();
}

const keysOf = (rows: { pk?: string; key?: string }[]) => rows.map((r) => r.pk ?? r.key).sort();

/** Whether `principal` may call the procedure at `path` in `tenantId`, by that procedure's own permission. */
function mayList(principal: Principal, path: string, tenantId: string): boolean {
  const permission = procedurePermission.get(path) as Permission;
  return can(principal.grants, permission, tenantId);
}

/** The audit entity types the customer timeline shows `principal` in `tenantId`. */
function timelineTypesShown(principal: Principal, tenantId: string): string[] {
  if (!mayList(principal, 'timeline.customer', tenantId)) return [];
  return Object.entries(TIMELINE_ENTITY_TYPES)
    .filter(([, permission]) => can(principal.grants, permission, tenantId))
    .map(([type]) => type);
}

/** Timeline lines read from the email outbox and the cards' expiry, not from the audit trail. */
const NOT_FROM_AUDIT = new Set<TimelineKind>([
  'email.sent',
  'email.held',
  'email.failed',
  'email.queued',
  'card.expiring',
]);

/** A line's audit entry: its id, or `<entry id>:<n>` when one entry made several lines (facts.ts). */
const auditEntryOf = (entry: TimelineEntry) => entry.id.replace(/:\d+$/, '');

/** Every page of a customer's timeline. */
async function wholeTimeline(caller: ReturnType<typeof callerFor>, customerId: string) {
  const lines: TimelineEntry[] = [];
  let cursor: string | null = null;
  do {
    const page: TimelinePage = await caller.timeline.customer({ customerId, cursor, limit: 100 });
    lines.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return lines;
}

function tenantOf(principal: Principal, tenants: TestWorld['tenants']): string {
  return principal.defaultTenantId ?? tenants.A.id;
}

describe('what each principal pulls is what it may list', () => {
  const cases = [
    'owner',
    'platformAnalyst',
    'platformSupport',
    'adminA',
    'billingA',
    'viewerA',
    'adminB',
    'apiKey:admin',
    'apiKey:billing',
    'apiKey:viewer',
  ];

  it.each(cases)('%s', async (name) => {
    const principal = principals.get(name) as Principal;
    const pulled = await pullAll(principal, tenantOf(principal, world.tenants));
    const all = await logged();
    const tenantIds = [world.tenants.A.id, world.tenants.B.id].filter(
      (id) => principal.grants.platformRole !== null || principal.grants.tenantRoles[id] !== undefined,
    );
    const pulledOf = (table: string, tenantId: string | null) =>
      pulled.filter((c) => {
        if (c.table !== table) return false;
        const row = all.find((r) => r.tbl === table && r.pk === c.key);
        return (row?.tenant_id ?? null) === tenantId;
      });
    const loggedOf = (table: string, tenantId: string | null) =>
      all.filter((r) => r.tbl === table && r.tenant_id === tenantId);

    // Nothing of a tenant it does not enter.
    for (const change of pulled) {
      const row = all.find((r) => r.tbl === change.table && r.pk === change.key);
      if (row?.tenant_id) expect(tenantIds, `${change.table} ${change.key}`).toContain(row.tenant_id);
    }

    for (const tenantId of tenantIds) {
      for (const [table, reach] of Object.entries(TABLE_REACH)) {
        if (reach.kind !== 'tenant') continue;
        const expected = mayList(principal, reach.listedBy, tenantId)
          ? keysOf(loggedOf(table, tenantId))
          : [];
        expect(keysOf(pulledOf(table, tenantId)), `${table} in ${tenantId}`).toEqual(expected);
      }

      // Members: listed with admin.members.list; otherwise only one's own membership.
      const members = loggedOf('memberships', tenantId);
      const mayListMembers = mayList(principal, 'admin.members.list', tenantId);
      const ownOrAll = mayListMembers
        ? members
        : members.filter(
            (m) => (JSON.parse(m.row ?? '{}') as { user_id?: string }).user_id === principal.userId,
          );
      expect(keysOf(pulledOf('memberships', tenantId)), `memberships in ${tenantId}`).toEqual(
        keysOf(ownOrAll),
      );

      // The audit trail: all of it with audit.list; else exactly the customer timeline's part.
      const trail = loggedOf('audit_log', tenantId);
      if (mayList(principal, 'audit.list', tenantId)) {
        expect(keysOf(pulledOf('audit_log', tenantId))).toEqual(keysOf(trail));
      } else {
        await expectDomainError(() => callerFor(principal, tenantId).audit.list({}), 'FORBIDDEN');
        const shown = timelineTypesShown(principal, tenantId);
        const aboutCustomers = trail.filter((r) =>
          shown.includes((JSON.parse(r.row ?? '{}') as { entity_type: string }).entity_type),
        );
        expect(aboutCustomers.length).toBeGreaterThan(3);
        expect(keysOf(pulledOf('audit_log', tenantId))).toEqual(keysOf(aboutCustomers));
        // Every timeline line read from the audit trail has its entry pulled.
        const caller = callerFor(principal, tenantId);
        const customers = (await caller.customers.list({ status: 'all' })).items;
        const pulledAudit = new Set(keysOf(pulledOf('audit_log', tenantId)));
        let auditLines = 0;
        for (const customer of customers) {
          for (const entry of await wholeTimeline(caller, customer.id)) {
            if (NOT_FROM_AUDIT.has(entry.kind)) continue;
            auditLines++;
            expect(pulledAudit.has(auditEntryOf(entry)), entry.kind).toBe(true);
          }
        }
        expect(auditLines).toBeGreaterThan(3);
      }
    }

    // Accounts: one's own user row always; the others only to whoever may list members.
    const users = new Set(pulled.filter((c) => c.table === 'users').map((c) => c.key));
    const memberTenants = tenantIds.filter((id) => mayList(principal, 'admin.members.list', id));
    const expectedUsers = new Set(
      all
        .filter(
          (r) =>
            // A tenant's customers' account admins are listed beside its members (decision 145).
            (r.tbl === 'memberships' || r.tbl === 'account_members') &&
            (principal.grants.platformRole !== null && can(principal.grants, 'users.manage', '')
              ? true
              : memberTenants.includes(r.tenant_id ?? '')),
        )
        .map((r) => (JSON.parse(r.row ?? '{}') as { user_id: string }).user_id),
    );
    if (all.some((r) => r.tbl === 'users' && r.pk === principal.userId)) expectedUsers.add(principal.userId);
    if (principal.grants.platformRole !== null && can(principal.grants, 'users.manage', '')) {
      for (const r of all.filter((row) => row.tbl === 'users')) expectedUsers.add(r.pk);
    }
    expect([...users].sort()).toEqual([...expectedUsers].sort());

    // Rows of no tenant (the platform chain, platform staff): a platform role holding the permission.
    const platformAudit = pulledOf('audit_log', null);
    const platformHas = (p: Permission) =>
      principal.grants.platformRole !== null && can(principal.grants, p, '');
    expect(keysOf(platformAudit)).toEqual(
      platformHas('audit.read') ? keysOf(loggedOf('audit_log', null)) : [],
    );
    const platformStaff = loggedOf('memberships', null);
    const ownStaffRow = platformStaff.filter(
      (m) => (JSON.parse(m.row ?? '{}') as { user_id?: string }).user_id === principal.userId,
    );
    expect(keysOf(pulledOf('memberships', null))).toEqual(
      keysOf(platformHas('users.manage') ? platformStaff : ownStaffRow),
    );
  });

  it.each(cases)(
    '%s: a page walks the log along an index in sequence order (one walk per tenant reached) and stops at its limit',
    async (name) => {
      const principal = principals.get(name) as Principal;
      const reach = reachOf(principal, await scopeOf(world.database.db, principal));
      const query = pageQuery(world.database.db, reach, 0, 2000).compile();
      const steps = await planOf(world.database, query);
      const perTenant = principal.grants.platformRole === null;
      // The whole log (a platform role), or one tenant's, the tenant-less rows, one's own memberships.
      const walk = /\((seq>\?|tenant_id=\? AND seq>\?|tbl=\? AND pk=\?)\)$/;
      if (world.database.dialect === 'sqlite') {
        const walks = steps.filter((step) => /^(SEARCH|SCAN) sync_rows\b/.test(step));
        for (const step of walks)
          expect(step).toMatch(new RegExp(`^SEARCH sync_rows USING INDEX \\S+ ${walk.source}`));
        expect(steps.join('\n')).not.toMatch(/MULTI-INDEX OR/);
        if (perTenant) expect(walks.join('\n')).toContain('(tenant_id=? AND seq>?)');
        else expect(walks).toEqual([expect.stringMatching(/\(seq>\?\)$/)]);
      } else {
        const text = steps.join('\n');
        expect(text).not.toMatch(/^(BitmapOr|Seq Scan sync_rows)/m);
        for (const step of steps.filter((line) => /^Index (Only )?Scan sync_rows\b/.test(line)))
          expect(step).toMatch(/\bseq > |\(tbl = .*\bpk = /);
        expect(text).toMatch(
          perTenant
            ? /^Index Scan sync_rows \(\(tenant_id = .*\bseq > /m
            : /^Index Scan sync_rows \(.*\bseq > /m,
        );
      }
    },
  );

  it('where customers.read holds but billing.read does not, only the audit entries of customers themselves', async () => {
    // No role has this combination today; the rule must still follow the timeline's, type by type.
    const viewer = principals.get('viewerA') as Principal;
    const reach = reachOf(viewer, await scopeOf(world.database.db, viewer));
    const where = new Map(reach.where);
    where.set('billing.read', []);
    const rows = await pageQuery(world.database.db, { ...reach, where }, 0, 5000).execute();
    const audit = rows.filter((r) => r.table === 'audit_log');
    const customerEntries = (await logged()).filter(
      (r) =>
        r.tbl === 'audit_log' &&
        r.tenant_id === world.tenants.A.id &&
        (JSON.parse(r.row ?? '{}') as { entity_type: string }).entity_type === 'customer',
    );
    expect(customerEntries.length).toBeGreaterThan(0);
    expect(keysOf(audit)).toEqual(keysOf(customerEntries));
  });

  it('a viewer, signed in or by key, gets nothing of the audit log, members, invitations or keys it may not list', async () => {
    for (const name of ['viewerA', 'apiKey:viewer', 'billingA']) {
      const principal = principals.get(name) as Principal;
      const caller = callerFor(principal, world.tenants.A.id);
      await expectDomainError(() => caller.admin.members.list(), 'FORBIDDEN');
      await expectDomainError(() => caller.admin.apiKeys.list(), 'FORBIDDEN');
      const text = JSON.stringify(await pullAll(principal, world.tenants.A.id));
      for (const needle of [
        INVITEE,
        KEY_NAME,
        'adminA@test.example',
        'billing key',
        '"entity_type":"api_key"',
      ]) {
        expect(text, `${name} sees ${needle}`).not.toContain(needle);
      }
      expect(text).toContain('Alan Turing');
    }
  });

  it('a role change changes the reach, so a replica starts over and gets what it now may list', async () => {
    const viewer = principals.get('viewerA') as Principal;
    const before = await callerFor(viewer, world.tenants.A.id).sync.pull({
      cursor: 0,
      limit: 5000,
      withTotal: false,
    });
    await world.database.db
      .updateTable('memberships')
      .set({ role: 'admin' })
      .where('user_id', '=', viewer.userId)
      .where('tenant_id', '=', world.tenants.A.id)
      .execute();
    const promoted = await loadPrincipal(world.database.db, viewer.userId);
    const after = await callerFor(promoted, world.tenants.A.id).sync.pull({
      cursor: before.cursor,
      limit: 5000,
      withTotal: false,
    });
    expect(after.scope).not.toBe(before.scope);
    const fresh = await pullAll(promoted, world.tenants.A.id);
    expect(JSON.stringify(fresh)).toContain(INVITEE);
    await world.database.db
      .updateTable('memberships')
      .set({ role: 'viewer' })
      .where('user_id', '=', viewer.userId)
      .where('tenant_id', '=', world.tenants.A.id)
      .execute();
  });
});
