import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type BetterSqlite3 from 'better-sqlite3';
import { newId } from '../../shared/ids';
import { openDatabase } from '../../server/db/connection';
import { MIGRATIONS } from '../../server/db/migrations';
import { SeededRandom } from '../../server/demo/random';
import { rebuildMovements } from '../../server/modules/analytics/rebuild';
import { loadBillingWorkspace } from './billing-workspace';
import {
  benchCacheRoot,
  cachedWorkspace,
  keepSqliteSide,
  type BillingScale,
  type BillingWorkspaceMeta,
} from './billing-cache';
import {
  planCustomer,
  type BenchPrice,
  type BenchSubscription,
  type PlannedCustomer,
} from './mrr-history-plan';

/**
 * A 24-month MRR history on the billing bench's workspace, for the analytics benches: the value
 * states record.ts would have written for every subscription (new business over the months,
 * upgrades, downgrades, interval and seat changes, past-due spells, pauses, cancels at period end,
 * returns; a quarter of the subscriptions in EUR, with a daily EUR→USD rate), bulk-inserted, and
 * the movements and sums derived from them by the real full rebuild. Kept in the bench cache
 * beside the billing workspace (its key names the history's version), so later runs copy it.
 */
const HISTORY_VERSION = 1;
const DAY = 86_400_000;

export interface MrrWorkspaceMeta extends BillingWorkspaceMeta {
  history: { states: number; earlierSubscriptions: number; eurSubscriptions: number; movements: number };
  /** How the history was loaded and derived (printed again by later runs). */
  historyReport: string;
}

export interface MrrWorkspace {
  /** The kept SQLite file: copy it before opening (a bench must not change the cache). */
  sqlite: string;
  meta: MrrWorkspaceMeta;
}

const keyOf = (scale: BillingScale) =>
  `mrr-${scale.customers}x${scale.invoicesPer}-m${MIGRATIONS.length}-h${HISTORY_VERSION}`;

/** Prices of the workspace's catalog, as the history needs them. */
function benchPrices(sqlite: BetterSqlite3.Database, tenantId: string): BenchPrice[] {
  return sqlite
    .prepare(
      'SELECT id, plan_id AS planId, amount, interval, currency FROM prices WHERE tenant_id = ? ORDER BY id',
    )
    .all(tenantId) as BenchPrice[];
}

/** The same plan and interval in EUR (the billing bench writes USD only). */
function inEuros(prices: readonly BenchPrice[], price: BenchPrice): BenchPrice {
  return (
    prices.find((p) => p.currency === 'EUR' && p.planId === price.planId && p.interval === price.interval) ??
    price
  );
}

/** A daily EUR→USD rate over the history, drifting around 1.08. */
function insertRates(sqlite: BetterSqlite3.Database, tenantId: string, now: number, random: SeededRandom) {
  const insert = sqlite.prepare(
    `INSERT INTO fx_rates (tenant_id, base_currency, quote_currency, day, rate, source, updated_at)
     VALUES (?, 'EUR', 'USD', ?, ?, 'imported', ?)`,
  );
  let rate = 1.08;
  for (let day = now - 800 * DAY; day <= now; day += DAY) {
    rate = Math.min(1.2, Math.max(0.95, rate + (random.next() - 0.5) * 0.01));
    insert.run(tenantId, new Date(day).toISOString().slice(0, 10), rate.toFixed(4), now);
  }
}

type Row = BenchSubscription & { priceId: string };

function subscriptionsOf(sqlite: BetterSqlite3.Database, tenantId: string, prices: Map<string, BenchPrice>) {
  const rows = sqlite
    .prepare(
      `SELECT s.id, s.customer_id AS customerId, c.country, s.created_at AS createdAt, s.status,
         s.price_id AS priceId, s.ended_at AS endedAt
       FROM subscriptions s JOIN customers c ON c.id = s.customer_id
       WHERE s.tenant_id = ? ORDER BY s.rowid`,
    )
    .all(tenantId) as Row[];
  return rows.map((row) => ({ ...row, price: prices.get(row.priceId) as BenchPrice }));
}

/** Writes the states (seq in record order, the customer's) and the earlier subscription a return replaced. */
function writeCustomer(
  statements: ReturnType<typeof prepare>,
  tenantId: string,
  sub: BenchSubscription,
  planned: PlannedCustomer,
) {
  if (planned.earlier) {
    const e = planned.earlier;
    statements.earlier.run(
      e.id,
      tenantId,
      sub.customerId,
      e.price.planId,
      e.price.id,
      e.quantity,
      e.price.currency,
      ...[e.createdAt, e.createdAt, e.createdAt, e.createdAt, e.createdAt],
    );
    statements.earlierPeriod.run(e.endedAt - 30 * DAY, e.endedAt, e.endedAt, e.endedAt, e.endedAt, e.id);
  }
  planned.states.forEach((s, index) => {
    statements.state.run(
      newId('mrs', s.effectiveAt),
      tenantId,
      index + 1,
      s.subscriptionId,
      s.customerId,
      s.effectiveAt,
      s.status,
      s.price.currency,
      s.price.planId,
      s.price.id,
      s.price.interval,
      s.quantity,
      s.mrr,
      s.pastDueSince,
      s.country,
      s.subscriptionId,
      s.effectiveAt,
    );
  });
}

function prepare(sqlite: BetterSqlite3.Database) {
  return {
    state:
      sqlite.prepare(`INSERT INTO mrr_states (id, tenant_id, seq, subscription_id, customer_id, effective_at, status,
      currency, plan_id, price_id, interval, quantity, mrr, past_due_since, source, country, cause_type, cause_id, recorded_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'tollgate', ?, 'subscription', ?, ?)`),
    toEuros: sqlite.prepare('UPDATE subscriptions SET currency = ?, price_id = ? WHERE id = ?'),
    earlier:
      sqlite.prepare(`INSERT INTO subscriptions (id, tenant_id, customer_id, plan_id, price_id, quantity, currency,
      status, billing_anchor, current_period_start, current_period_end, trial_end_behavior, cancel_at_period_end, version,
      created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, 'active', ?, ?, ?, 'cancel', 0, 1, ?, ?)`),
    earlierPeriod: sqlite.prepare(`UPDATE subscriptions SET current_period_start = ?, current_period_end = ?,
      status = 'canceled', cancel_at_period_end = 1, canceled_at = ?, ended_at = ?, updated_at = ?, version = 2 WHERE id = ?`),
  };
}

/** Inserts the history of every subscription of the workspace (and its EUR rates); returns what it wrote. */
export function bulkLoadMrrHistory(
  sqlite: BetterSqlite3.Database,
  options: { tenantId: string; now: number; seed: number },
) {
  const random = new SeededRandom(options.seed);
  const prices = benchPrices(sqlite, options.tenantId);
  const byId = new Map(prices.map((p) => [p.id, p]));
  const statements = prepare(sqlite);
  const counts = { states: 0, earlierSubscriptions: 0, eurSubscriptions: 0 };
  sqlite.transaction(() => {
    insertRates(sqlite, options.tenantId, options.now, random);
    for (const row of subscriptionsOf(sqlite, options.tenantId, byId)) {
      let sub: BenchSubscription = row;
      if (random.next() < 0.25) {
        sub = { ...row, price: inEuros(prices, row.price) };
        statements.toEuros.run(sub.price.currency, sub.price.id, sub.id);
        counts.eurSubscriptions++;
      }
      const planned = planCustomer(sub, prices, random, options.now, () => newId('sub', sub.createdAt));
      writeCustomer(statements, options.tenantId, sub, planned);
      counts.states += planned.states.length;
      if (planned.earlier) counts.earlierSubscriptions++;
    }
  })();
  return counts;
}

/** The billing workspace at `scale` in a fresh file at `path` (from its cache, else loaded and kept). */
async function billingAt(scale: BillingScale, path: string, bench: string): Promise<BillingWorkspaceMeta> {
  const cached = cachedWorkspace(scale);
  if (cached) {
    copyFileSync(cached.sqlite, path);
    return cached.meta;
  }
  const database = openDatabase({ path });
  const meta = await loadBillingWorkspace(database, scale, bench);
  keepSqliteSide(scale, meta, database.sqlite, path);
  await database.close();
  return meta;
}

/**
 * The MRR workspace at `scale`: from the bench cache, else the billing workspace (cached or
 * loaded) with the history inserted and derived by the full rebuild, then kept. `fresh` loads
 * the history again (the billing workspace still comes from its cache).
 */
export async function loadMrrWorkspace(
  scale: BillingScale,
  options: { bench: string; fresh?: boolean; say?: (text: string) => void },
): Promise<MrrWorkspace> {
  const final = join(benchCacheRoot(), keyOf(scale));
  const paths = { meta: join(final, 'meta.json'), sqlite: join(final, 'mrr.sqlite') };
  if (!options.fresh && existsSync(paths.meta)) {
    return { sqlite: paths.sqlite, meta: JSON.parse(readFileSync(paths.meta, 'utf8')) as MrrWorkspaceMeta };
  }
  const work = mkdtempSync(join(tmpdir(), 'tollgate-mrr-history-'));
  try {
    const path = join(work, 'mrr.sqlite');
    const billing = await billingAt(scale, path, options.bench);
    const database = openDatabase({ path });
    database.sqlite.pragma('cache_size = -1048576');
    database.sqlite.pragma('synchronous = OFF');
    let started = performance.now();
    const counts = bulkLoadMrrHistory(database.sqlite, {
      tenantId: billing.tenantId,
      now: billing.now,
      seed: 13,
    });
    const inserted = performance.now() - started;
    started = performance.now();
    const outcome = await rebuildMovements(database.db, billing.tenantId, billing.now);
    const derived = performance.now() - started;
    const movements = (
      database.sqlite.prepare('SELECT count(*) AS n FROM mrr_movements').get() as { n: number }
    ).n;
    database.sqlite.pragma('optimize');
    database.sqlite.pragma('wal_checkpoint(TRUNCATE)');
    await database.close();
    const history = { ...counts, movements };
    const historyReport =
      `MRR history: ${counts.states.toLocaleString('en')} states for ${outcome.customers.toLocaleString('en')} customers ` +
      `(${counts.eurSubscriptions.toLocaleString('en')} EUR subscriptions, ${counts.earlierSubscriptions.toLocaleString('en')} returns) ` +
      `inserted in ${Math.round(inserted)} ms; ${movements.toLocaleString('en')} movements derived by the full rebuild in ` +
      `${Math.round(derived)} ms (${options.bench})\n`;
    const meta: MrrWorkspaceMeta = { ...billing, history, historyReport };
    const partial = `${final}.partial-${process.pid}`;
    mkdirSync(partial, { recursive: true });
    copyFileSync(path, join(partial, 'mrr.sqlite'));
    writeFileSync(join(partial, 'meta.json'), JSON.stringify(meta));
    rmSync(final, { recursive: true, force: true });
    renameSync(partial, final);
    options.say?.(historyReport);
    return { sqlite: paths.sqlite, meta };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
