import type { Kysely } from 'kysely';
import type { LicenseState } from '../../../../shared/licensing/decision';
import type { Policy } from '../../../../shared/licensing/policy';
import type { DB } from '../../../db/schema';
import { licenseStateOf, policyFromRow, type LicenseRow, type PolicyRow } from '../rows';
import { usagePeriodOf, usagePeriodSpan, type BillingCycle } from '../usage/period';

/**
 * A license as the API decides on it: its row, its policy, the decision's state (machines,
 * seat holders, this period's usage) and its billing cycle. Read in five indexed statements:
 * the license with its subscription's billing cycle by the key's hash, then its policy,
 * machines, seats and usage totals of the period (side by side on PostgreSQL).
 *
 * Kept per database handle for VIEW_CACHE_MS (decision 85's precedent): an app validates on
 * every start and often while it runs, and a license changes rarely. Every write this module
 * makes through the API (activate, deactivate, check-in, heartbeat, usage) and every staff
 * command that calls `forgetLicenseView` drops it here at once; another server instance sees a
 * change within VIEW_CACHE_MS. Unknown keys are never kept, so guessing cannot fill it.
 *
 * A view in use is read again in the background from a moment drawn between 60 % and 90 % of
 * its life, while requests go on being answered from it (decision 164): waiting for the read
 * when it expired made every request of a busy license wait at once, and views read together
 * (a fleet starting, a server starting) expired together, five statements each.
 */

export const VIEW_CACHE_MS = 5_000;
const MAX_VIEWS = 10_000;
/** The background read begins at a moment drawn in this part of a view's life. */
const REFRESH_FROM = 0.6;
const REFRESH_SPREAD = 0.3;

export interface LicenseView {
  license: LicenseRow;
  policyRow: PolicyRow;
  policy: Policy;
  state: LicenseState;
  cycle: BillingCycle | null;
  /** The usage period `state.usage` counts, and the moments it spans. */
  period: string;
  periodSpan: { from: number; to: number };
}

export async function readLicenseView(
  db: Kysely<DB>,
  keyHash: string,
  now: number,
): Promise<LicenseView | null> {
  const found = await db
    .selectFrom('licenses as l')
    .leftJoin('subscriptions as s', 's.id', 'l.subscription_id')
    .leftJoin('prices as pr', 'pr.id', 's.price_id')
    .selectAll('l')
    .select(['s.billing_anchor as anchor', 'pr.interval as interval'])
    .where('l.key_hash', '=', keyHash)
    .executeTakeFirst();
  if (!found) return null;
  const { anchor, interval, ...license } = found;
  const cycle = anchor !== null && interval !== null ? { anchor, interval } : null;
  const period = usagePeriodOf(cycle, now);
  const [policyRow, machines, seats, usage] = await Promise.all([
    db
      .selectFrom('license_policies')
      .selectAll()
      .where('id', '=', license.policy_id)
      .executeTakeFirstOrThrow(),
    db.selectFrom('license_machines').selectAll().where('license_id', '=', license.id).execute(),
    db.selectFrom('license_seats').select('user_ref').where('license_id', '=', license.id).execute(),
    db
      .selectFrom('license_usage')
      .select(['metric', 'quantity'])
      .where('license_id', '=', license.id)
      .where('period', '=', period)
      .execute(),
  ]);
  const totals = Object.fromEntries(usage.map((u) => [u.metric, u.quantity]));
  const users = seats.map((s) => s.user_ref);
  return {
    license,
    policyRow,
    policy: policyFromRow(policyRow),
    state: licenseStateOf({ license, policy: policyRow, machines, users, usage: totals }),
    cycle,
    period,
    periodSpan: usagePeriodSpan(cycle, now),
  };
}

interface Kept {
  view: LicenseView;
  expiresAt: number;
  /** From here on, a request that uses the view starts reading it again in the background. */
  refreshAt: number;
}

class ViewMemory {
  readonly entries = new Map<string, Kept>();
  /**
   * Reads under way, by key hash, with the generation they began in: requests for a license
   * whose view is being read wait for that read rather than start their own (an app's many
   * instances ask at once when a view expires, and each read is five statements).
   */
  readonly reading = new Map<string, { generation: number; view: Promise<LicenseView | null> }>();
  /** Bumped by every forget: a read that began before it cannot store what it read. */
  generation = 0;

  get(hash: string, now: number): Kept | undefined {
    const entry = this.entries.get(hash);
    if (!entry) return undefined;
    const { view } = entry;
    if (entry.expiresAt <= now || now < view.periodSpan.from || now >= view.periodSpan.to) {
      this.entries.delete(hash);
      return undefined;
    }
    return entry;
  }

  set(hash: string, view: LicenseView, now: number, readAt: number): void {
    if (readAt !== this.generation) return;
    this.entries.delete(hash);
    const refreshAt = now + VIEW_CACHE_MS * (REFRESH_FROM + REFRESH_SPREAD * Math.random());
    this.entries.set(hash, { view, expiresAt: now + VIEW_CACHE_MS, refreshAt });
    if (this.entries.size > MAX_VIEWS) {
      const oldest = this.entries.keys().next();
      if (!oldest.done) this.entries.delete(oldest.value);
    }
  }

  forget(licenseId: string): void {
    this.generation += 1;
    for (const [hash, entry] of this.entries) {
      if (entry.view.license.id === licenseId) this.entries.delete(hash);
    }
  }
}

const memories = new WeakMap<Kysely<DB>, ViewMemory>();
const live = new Set<WeakRef<ViewMemory>>();

function memoryFor(db: Kysely<DB>): ViewMemory | undefined {
  if (db.isTransaction) return undefined;
  let memory = memories.get(db);
  if (!memory) {
    memory = new ViewMemory();
    memories.set(db, memory);
    live.add(new WeakRef(memory));
  }
  return memory;
}

/**
 * The license whose key hashes to `keyHash`, from memory when read within VIEW_CACHE_MS and
 * still of the current usage period; null when no license has the key.
 */
export async function licenseView(db: Kysely<DB>, keyHash: string, now: number): Promise<LicenseView | null> {
  const memory = memoryFor(db);
  if (!memory) return readLicenseView(db, keyHash, now);
  const known = memory.get(keyHash, now);
  if (!known) return readOnce(memory, db, keyHash, now);
  if (now >= known.refreshAt) {
    // A failed background read leaves the view to expire: the request after that reads, and answers the failure.
    readOnce(memory, db, keyHash, now).catch(() => undefined);
  }
  return known.view;
}

/** Reads a view and keeps it, or joins the read of it under way (begun since the last forget). */
function readOnce(
  memory: ViewMemory,
  db: Kysely<DB>,
  keyHash: string,
  now: number,
): Promise<LicenseView | null> {
  const { generation } = memory;
  const underWay = memory.reading.get(keyHash);
  if (underWay?.generation === generation) return underWay.view;
  const view = readLicenseView(db, keyHash, now)
    .then((read) => {
      if (read) memory.set(keyHash, read, now, generation);
      return read;
    })
    .finally(() => {
      if (memory.reading.get(keyHash)?.view === view) memory.reading.delete(keyHash);
    });
  memory.reading.set(keyHash, { generation, view });
  return view;
}

/** Forgets a license everywhere in this process: call once a change to it (or its machines, seats, usage) commits. */
export function forgetLicenseView(licenseId: string): void {
  for (const ref of live) {
    const memory = ref.deref();
    if (memory) memory.forget(licenseId);
    else live.delete(ref);
  }
}
