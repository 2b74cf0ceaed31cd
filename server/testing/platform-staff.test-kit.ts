import { sql } from 'kysely';
import type { PlatformRole } from '../../shared/permissions';
import { createContext, type Principal } from '../trpc/context';
import { appRouter } from '../app/router';
import { createCallerFactory } from '../trpc/base';
import type { TestWorld } from './world.test-kit';
import { insertMembership, insertUser, loadPrincipal } from '../modules/tenants';

const createCaller = createCallerFactory(appRouter);

/** A caller acting as any principal (an API key's, say) in tenant A. */
export function callerAs(world: TestWorld, principal: Principal, client = 'test') {
  return createCaller(
    createContext({
      services: world.services,
      principal,
      requestedTenantId: world.tenants.A.id,
      client: { kind: 'test', id: client },
    }),
  );
}

/** A new platform staff member in the test world, and a caller acting as them in tenant A. */
export async function platformStaff(world: TestWorld, role: PlatformRole, name = `${role} staff`) {
  const now = world.clock.now();
  const user = await insertUser(world.database.db, { email: `${role}.staff@test.example`, name, now });
  await insertMembership(world.database.db, { userId: user.id, tenantId: null, role, now });
  const principal = await loadPrincipal(world.database.db, user.id);
  return { user, caller: callerAs(world, principal, name) };
}

/**
 * Audit entries of one action, newest last, as stored. Ordered by `rowid`: SQLite's implicit
 * one, and the explicit identity column audit_log has on PostgreSQL (insertion order on both).
 */
export async function auditEntries(world: TestWorld, action: string) {
  return world.database.db
    .selectFrom('audit_log')
    .select(['tenant_id', 'entity_type', 'entity_id', 'actor_name', 'before', 'after'])
    .where('action', '=', action)
    .orderBy(sql`rowid`)
    .execute();
}
