import type { PlatformRole, TenantRole } from '../../shared/permissions';
import { createContext, type Principal, type Services } from '../trpc/context';
import { appRouter } from '../app/router';
import { createCallerFactory } from '../trpc/base';
import type { AppDatabase } from '../db/connection';
import { sandboxGateways } from '../gateways/provider';
import { ManualClock } from '../lib/clock';
import { silentLogger } from '../lib/logger';
import { insertMembership, insertTenant, insertUser, loadPrincipal, type Tenant } from '../modules/tenants';
import { appProcedures } from '../app/procedures';
import { openTestDatabase } from './test-database.test-kit';

const createCaller = createCallerFactory(appRouter);

export const START = Date.UTC(2026, 0, 15, 9, 30);

/** Who can act in a test world: a platform role, or a role in tenant A or B. */
export type Persona =
  'owner' | 'platformAnalyst' | 'platformSupport' | 'adminA' | 'billingA' | 'viewerA' | 'adminB';

const PERSONAS: Record<Persona, { platform?: PlatformRole; tenant?: ['A' | 'B', TenantRole] }> = {
  owner: { platform: 'owner' },
  platformAnalyst: { platform: 'analyst' },
  platformSupport: { platform: 'support' },
  adminA: { tenant: ['A', 'admin'] },
  billingA: { tenant: ['A', 'billing'] },
  viewerA: { tenant: ['A', 'viewer'] },
  adminB: { tenant: ['B', 'admin'] },
};

export interface TestWorld {
  database: AppDatabase;
  services: Services;
  clock: ManualClock;
  tenants: { A: Tenant; B: Tenant };
  principals: Record<Persona, Principal>;
  /** A tRPC caller acting as `persona`, asking for `tenantId` (default: the persona's own). */
  as(persona: Persona, tenantId?: string | null): ReturnType<typeof createCaller>;
  close(): Promise<void>;
}

/** The services of a standalone backend on `database`, with sandbox gateways and a silent log. */
export function testServices(database: AppDatabase, clock: ManualClock): Services {
  return {
    db: database.db,
    clock,
    logger: silentLogger,
    mode: 'standalone',
    procedures: appProcedures,
    gateways: sandboxGateways(database.db, clock),
  };
}

/** A tRPC caller acting as `principal` in `tenantId`, named `clientId` in the audit trail. */
export function testCaller(
  services: Services,
  principal: Principal,
  tenantId: string | null,
  clientId: string,
) {
  return createCaller(
    createContext({
      services,
      principal,
      requestedTenantId: tenantId,
      client: { kind: 'test', id: clientId },
    }),
  );
}

/**
 * Two tenants and a user per persona in a fresh database (in-memory SQLite, or a PostgreSQL
 * database of its own in the integration-pg project), on a manual clock.
 */
export async function createTestWorld(): Promise<TestWorld> {
  const database = await openTestDatabase();
  const clock = new ManualClock(START);
  const services = testServices(database, clock);
  const now = clock.now();
  const A = await insertTenant(database.db, { name: 'Tenant A', slug: 'tenant-a', now });
  const B = await insertTenant(database.db, { name: 'Tenant B', slug: 'tenant-b', now });
  const tenantIds = { A: A.id, B: B.id };
  const principals = {} as Record<Persona, Principal>;
  for (const [persona, grant] of Object.entries(PERSONAS) as [Persona, (typeof PERSONAS)[Persona]][]) {
    const user = await insertUser(database.db, { email: `${persona}@test.example`, name: persona, now });
    if (grant.platform)
      await insertMembership(database.db, { userId: user.id, tenantId: null, role: grant.platform, now });
    if (grant.tenant) {
      await insertMembership(database.db, {
        userId: user.id,
        tenantId: tenantIds[grant.tenant[0]],
        role: grant.tenant[1],
        now,
      });
    }
    principals[persona] = await loadPrincipal(database.db, user.id);
  }
  return {
    database,
    services,
    clock,
    tenants: { A, B },
    principals,
    as: (persona, tenantId) =>
      testCaller(
        services,
        principals[persona],
        tenantId === undefined ? tenantIds[PERSONAS[persona].tenant?.[0] ?? 'A'] : tenantId,
        persona,
      ),
    close: () => database.close(),
  };
}
