import type { Kysely } from 'kysely';
import type BetterSqlite3 from 'better-sqlite3';
import type { Actor } from '../commands/run-command';
import type { DB } from '../db/schema';
import { ManualClock } from '../lib/clock';
import { seedDemoCatalog } from '../modules/catalog';
import { archiveCustomer, updateCustomer } from '../modules/customers';
import {
  insertMembership,
  insertTenant,
  insertUser,
  loadPrincipal,
  writeSetting,
  type Tenant,
  type User,
} from '../modules/tenants';
import { DAY_MS } from '../../shared/billing/periods';
import type { Logger } from '../lib/logger';
import { seedDemoBillingHistory } from './billing-history';
import { bulkLoadCustomers } from './bulk-load';
import { generateCustomers } from './generator';
import { demoLicensingMilestones } from './licensing';
import { SeededRandom } from './random';

export const DEMO_SEED = 20261121;
export const DEMO_CUSTOMERS = 320;

const HOUR = 3_600_000;

export interface Workspace {
  owner: User;
  tenant: Tenant;
}

/** The local owner and an empty workspace: what standalone mode needs before anything else. */
export async function createWorkspace(
  db: Kysely<DB>,
  options: { ownerName: string; ownerEmail: string; tenantName: string; tenantSlug: string; now: number },
): Promise<Workspace> {
  return db.transaction().execute(async (trx) => {
    const owner = await insertUser(trx, {
      email: options.ownerEmail,
      name: options.ownerName,
      now: options.now,
    });
    const tenant = await insertTenant(trx, {
      name: options.tenantName,
      slug: options.tenantSlug,
      now: options.now,
    });
    await insertMembership(trx, { userId: owner.id, tenantId: null, role: 'owner', now: options.now });
    await writeSetting(trx, 'local.owner', owner.id);
    return { owner, tenant };
  });
}

/**
 * Fills a workspace with a few hundred customers and some history (edits, archives) made
 * through the real commands on a clock set in the past, so timelines read true.
 */
export async function seedDemoCustomers(
  db: Kysely<DB>,
  sqlite: BetterSqlite3.Database,
  tenantId: string,
  now: number,
): Promise<void> {
  const actor: Actor = { userId: null, name: 'Demo data', client: 'system:demo' };
  const generated = [...generateCustomers({ seed: DEMO_SEED, count: DEMO_CUSTOMERS, now })];
  bulkLoadCustomers(sqlite, { tenantId, customers: generated, actorName: actor.name, client: actor.client });
  const rows = await db
    .selectFrom('customers')
    .select(['id', 'created_at', 'version'])
    .where('tenant_id', '=', tenantId)
    .orderBy('id')
    .execute();
  const random = new SeededRandom(DEMO_SEED + 1);
  for (const row of rows) {
    const roll = random.next();
    if (roll > 0.16) continue;
    // Happen some time between sign-up and now, at least an hour after sign-up.
    const at = row.created_at + HOUR + Math.floor(random.next() * Math.max(0, now - row.created_at - HOUR));
    const scope = { db, clock: new ManualClock(at), tenantId, actor };
    if (roll < 0.05) {
      await archiveCustomer(scope, row.id);
    } else if (roll < 0.1) {
      await updateCustomer(scope, {
        id: row.id,
        expectedVersion: row.version,
        patch: { company: random.pick(['Acme Corp', 'Globex', 'Initech', 'Umbrella Learning']) },
      });
    } else {
      await updateCustomer(scope, {
        id: row.id,
        expectedVersion: row.version,
        patch: {
          notes: random.pick([
            'Prefers invoices by email',
            'Asked about team pricing',
            'Met at the spring webinar',
            'Student discount verified',
          ]),
        },
      });
    }
  }
}

/**
 * The whole demo workspace: customers with their history, the catalog they buy from,
 * a year of subscriptions, invoices and payments made by the billing engine, and the
 * enterprise licenses some of its customers hold (server/demo/licensing.ts).
 */
export async function seedDemoWorkspace(options: {
  db: Kysely<DB>;
  sqlite: BetterSqlite3.Database;
  tenantId: string;
  ownerId: string;
  now: number;
  logger: Logger;
}): Promise<void> {
  const { db, tenantId, now } = options;
  await seedDemoCustomers(db, options.sqlite, tenantId, now);
  const catalog = await seedDemoCatalog(db, tenantId, now - 400 * DAY_MS);
  const principal = await loadPrincipal(db, options.ownerId);
  await seedDemoBillingHistory({
    db,
    logger: options.logger,
    tenantId,
    principal,
    catalog,
    now,
    seed: DEMO_SEED + 2,
    milestones: demoLicensingMilestones({ db, tenantId, catalog, now }),
  });
}
