/**
 * An account admin's pull (decision 145) beside a tenant admin's, on SQLite: a tenant of N
 * customers, one of them administered by Xavier. Each pulls the whole log in pages of 1,000
 * (the desktop's first sync) through readChanges, the query sync.pull runs. The account's rows
 * are few, but its walk reads every row of the tenant's log (its filter reads each row's
 * customer_id from JSON), so its cost grows with the tenant, not with the account.
 *
 *   npx tsx bench/account-reach.ts [customers]
 */
import { loadavg } from 'node:os';
import { seedAccounts } from '../server/app/isolation-accounts.test-kit';
import { readChanges, scopeOf } from '../server/sync/pull';
import { reachOf } from '../server/sync/reach';
import type { Principal } from '../server/trpc/context';
import { createTestWorld, type TestWorld } from '../server/testing/world.test-kit';

const CUSTOMERS = Number(process.argv[2] ?? 5_000);
const say = (text: string) => process.stdout.write(`${text}\n`);

async function firstSync(world: TestWorld, principal: Principal) {
  const reach = reachOf(principal, await scopeOf(world.database.db, principal));
  const cpu = process.cpuUsage();
  const started = performance.now();
  let cursor = 0;
  let rows = 0;
  for (;;) {
    const page = await readChanges(world.database.db, reach, {
      cursor,
      limit: 1000,
      withTotal: cursor === 0,
    });
    rows += page.changes.length;
    cursor = page.cursor;
    if (!page.more) break;
  }
  const used = process.cpuUsage(cpu);
  return { rows, wallMs: performance.now() - started, cpuMs: (used.user + used.system) / 1000 };
}

async function main() {
  const world = await createTestWorld();
  const fixture = await seedAccounts(world);
  const admin = world.as('adminA');
  for (let i = 0; i < CUSTOMERS; i++) {
    await admin.customers.create({ name: `Customer ${i}`, email: `c${i}@bench.example`, country: 'FR' });
  }
  say(`tenant A: ${CUSTOMERS + 2} customers; load ${loadavg()[0]?.toFixed(2)}`);
  for (const [who, principal] of [
    ['account admin (Xavier)', fixture.xavier],
    ['tenant admin (adminA)', world.principals.adminA],
  ] as const) {
    const run = await firstSync(world, principal);
    say(
      `${who}: ${run.rows} rows, wall ${run.wallMs.toFixed(1)} ms, CPU ${run.cpuMs.toFixed(1)} ms, load ${loadavg()[0]?.toFixed(2)}`,
    );
  }
  await world.close();
}

void main();
