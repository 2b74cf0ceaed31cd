import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeStripe, type FakeStripe, type RecordedRequest } from '../fakes/stripe';
import type { StripeEvent } from '../fakes/stripe/events';
import { deliveryClient, newWebhookSecret, signedDelivery } from '../fakes/stripe/webhooks';
import { TEST_BUDGET_MS } from '../support/budgets';
import { spawnServer, type SpawnedServer } from '../support/spawn-server';
import { waitFor } from '../support/wait';
import { expectAppliedOnceInOrder, expectedFromStripe } from './stripe-events/expectations';
import { inOrderRun, readOutcome, type MirrorOutcome } from './stripe-events/in-order-run';
import { seedStripeHistories, type StripeHistories } from './stripe-events/stripe-histories';

/**
 * Exactly once, end to end, on the Stripe Billing mirror's own handlers: 500 Stripe subscriptions
 * that each went through 20 versions (10,000 customer.subscription.* events), 2,000 of them
 * delivered twice, all shuffled and posted 64 at a time to a real server process whose
 * gateway is a Stripe-compatible fake holding every subscription as it stands now. The
 * process is SIGKILLed mid-stream and restarted on the same database, and every delivery it
 * did not acknowledge is sent again (as Stripe does). In the end each event is in the inbox
 * once and reached an end, no snapshot was applied twice or out of order, and the mirrored
 * subscriptions, customers and catalog equal an in-order run's and Stripe's current objects.
 */

const SUBSCRIPTIONS = 500;
const VERSIONS = 20;
const DUPLICATES = 2_000;
const CONCURRENCY = 64;
const KILL_AFTER = 5_000;
const LAST = VERSIONS - 1;

const dir = mkdtempSync(join(tmpdir(), 'tollgate-exactly-once-'));
const secret = newWebhookSecret();
let fake: FakeStripe;
let histories: StripeHistories;
let server: SpawnedServer;
let tenantId: string;

/** A fixed-seed shuffle, so a failure can be run again as it was. */
function shuffled<T>(items: T[], seed: number): T[] {
  const out = [...items];
  let state = seed;
  const next = () => (state = (state * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

async function startServer(): Promise<SpawnedServer> {
  return spawnServer({
    entry: 'tests/integration/stripe-events/server-entry.ts',
    env: {
      TOLLGATE_SERVER_DATA_DIR: dir,
      STRIPE_SECRET_KEY: fake.secretKey,
      STRIPE_API_HOST: fake.host,
      STRIPE_API_PORT: String(fake.port),
      STRIPE_API_PROTOCOL: fake.protocol,
    },
    announce: 'Webhook test server:',
  });
}

async function trpc<T>(url: string, path: string, input?: unknown): Promise<T> {
  const response = await fetch(`${url}/trpc/${path}`, {
    method: input === undefined ? 'GET' : 'POST',
    headers: { 'x-tollgate-client': 'web:exactly-once', 'content-type': 'application/json' },
    body: input === undefined ? undefined : JSON.stringify(input),
  });
  const body = (await response.json()) as { result?: { data: T }; error?: unknown };
  if (!body.result) throw new Error(`${path} failed: ${JSON.stringify(body.error)}`);
  return body.result.data;
}

/**
 * Posts every delivery, `CONCURRENCY` at a time, each signed as it goes out. Resolves with
 * those not acknowledged with a 2xx (connection refused or reset: the server died), and why.
 * `onAcknowledged` runs after each 2xx, and may kill the server.
 */
async function postAll(
  url: string,
  deliveries: StripeEvent[],
  onAcknowledged: (count: number) => void = () => undefined,
): Promise<{ unacknowledged: StripeEvent[]; reasons: string[] }> {
  const client = deliveryClient(CONCURRENCY);
  const unacknowledged: StripeEvent[] = [];
  const reasons = new Set<string>();
  let next = 0;
  let acknowledged = 0;
  const worker = async () => {
    while (next < deliveries.length) {
      const event = deliveries[next++] as StripeEvent;
      try {
        const answer = await client.post(`${url}/webhooks/stripe/${tenantId}`, signedDelivery(event, secret));
        if (answer.status !== 200) throw new Error(`answered ${answer.status}`);
        onAcknowledged(++acknowledged);
      } catch (error) {
        reasons.add(error instanceof Error ? error.message : String(error));
        unacknowledged.push(event);
      }
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  client.close();
  return { unacknowledged, reasons: [...reasons] };
}

function openReadOnly() {
  return new Database(join(dir, 'tollgate.sqlite'), { readonly: true, fileMustExist: true });
}

/** Waits until the processor has nothing left due or leased; a failing handler fails the test at once. */
async function drained(): Promise<void> {
  const db = openReadOnly();
  try {
    // 10,000 events on a loaded machine: the budget of a whole test, not of one signal.
    await waitFor(
      'every event to be processed',
      () => {
        const failed = db
          .prepare(
            'SELECT event_id, status, last_error FROM stripe_events WHERE last_error IS NOT NULL LIMIT 3',
          )
          .all();
        if (failed.length > 0) throw new Error(`events failed: ${JSON.stringify(failed)}`);
        const open = db
          .prepare("SELECT count(*) FROM stripe_events WHERE status IN ('pending', 'failed')")
          .pluck()
          .get() as number;
        return open === 0;
      },
      TEST_BUDGET_MS,
    );
  } finally {
    db.close();
  }
}

/** How many times each subscription was fetched from Stripe, by id. */
function subscriptionFetches(requests: RecordedRequest[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const request of requests) {
    const id = /^\/v1\/subscriptions\/(sub_\w+)$/.exec(request.path)?.[1];
    if (request.method === 'GET' && id) counts.set(id, (counts.get(id) ?? 0) + 1);
  }
  return counts;
}

beforeAll(async () => {
  fake = await startFakeStripe();
  histories = await seedStripeHistories(fake, {
    subscriptions: SUBSCRIPTIONS,
    versions: VERSIONS,
    since: Math.floor(Date.now() / 1000) - 3 * 86_400,
  });
  server = await startServer();
  const session = await trpc<{ tenant: { id: string } }>(server.url, 'tenants.session');
  tenantId = session.tenant.id;
  await trpc(server.url, 'stripeEvents.setSecret', { secret });
});
afterAll(async () => {
  await server?.stop();
  await fake?.close();
  rmSync(dir, { recursive: true, force: true });
});

/**
 * The crash scenario: every delivery posted, the server SIGKILLed mid-stream, restarted on
 * the same database, the unacknowledged ones posted again; resolves with what it left.
 */
async function crashedRun(events: StripeEvent[]): Promise<MirrorOutcome> {
  const repeats = shuffled(events, 7).slice(0, DUPLICATES);
  const deliveries = shuffled([...events, ...repeats], 42);

  // Up to the crash: SIGKILL once KILL_AFTER deliveries are acknowledged, with others in flight.
  let killed = false;
  const firstServer = server;
  const { unacknowledged: leftOver } = await postAll(firstServer.url, deliveries, (count) => {
    if (count >= KILL_AFTER && !killed) {
      killed = true;
      firstServer.process.kill('SIGKILL');
    }
  });
  expect(killed).toBe(true);
  expect(leftOver.length).toBeGreaterThan(0);
  await firstServer.stop();

  // The same database, a new process: Stripe retries whatever was not acknowledged, until it is.
  server = await startServer();
  let retried = { unacknowledged: leftOver, reasons: [] as string[] };
  for (let round = 0; round < 5 && retried.unacknowledged.length > 0; round++) {
    retried = await postAll(server.url, retried.unacknowledged);
  }
  expect(retried.unacknowledged.length, retried.reasons.join('; ')).toBe(0);
  await drained();
  await server.stop();
  const db = openReadOnly();
  try {
    return await readOutcome(db, tenantId);
  } finally {
    db.close();
  }
}

describe('webhook deliveries to the Stripe Billing mirror, duplicated, shuffled and interrupted by a crash', () => {
  it('end with every event stored once, applied at most once and in order, and the in-order state', async () => {
    const events = histories.events;
    expect(events).toHaveLength(10_000);
    // The reference runs in this process while the server process works: two cores, half the time.
    const [crashed, inOrder] = await Promise.all([crashedRun(events), inOrderRun(events, fake, secret)]);

    // Nothing lost, nothing stored twice, nothing failed or dead-lettered.
    expect(crashed.inbox).toHaveLength(events.length);
    expect(new Set(crashed.inbox.map((e) => e.event_id))).toEqual(new Set(events.map((e) => e.id)));
    expect(crashed.inbox.filter((e) => e.status !== 'processed' && e.status !== 'stale')).toEqual([]);

    // The final state: the in-order run's, which is Stripe's current objects.
    expect(inOrder.subscriptions).toEqual(
      histories.subscriptions
        .map(expectedFromStripe)
        .sort((a, b) => (a.gateway_ref < b.gateway_ref ? -1 : 1)),
    );
    expect(crashed.subscriptions).toEqual(inOrder.subscriptions);
    expect(crashed.refs).toEqual(inOrder.refs);
    expect(inOrder.refs.customers).toEqual([...histories.customerIds].sort());
    expect(inOrder.refs.prices).toEqual([...histories.priceIds].sort());

    // Each snapshot applied at most once, in Stripe's order, every write in the audit trail and change log.
    for (const history of histories.subscriptions) {
      expectAppliedOnceInOrder(crashed, history, 'crashed run');
      expectAppliedOnceInOrder(inOrder, history, 'in-order run');
    }
    expect(crashed.auditChainIntact).toBe(true);
    expect(inOrder.auditChainIntact).toBe(true);

    // Shuffling made late deliveries, which the mirror refused rather than moving back.
    expect(crashed.inbox.filter((e) => e.status === 'stale').length).toBeGreaterThan(0);

    // In order, every event applies, but those after a mid-way tie: its fetch brought Stripe's current object.
    const afterMidwayTie = new Set(
      histories.subscriptions.flatMap((h) =>
        h.tiedVersions[1] !== undefined && h.tiedVersions[1] < LAST
          ? h.events.slice(h.tiedVersions[1] + 1).map((e) => e.id)
          : [],
      ),
    );
    expect(afterMidwayTie.size).toBeGreaterThan(0);
    expect(
      inOrder.inbox.filter((e) => e.status !== (afterMidwayTie.has(e.event_id) ? 'stale' : 'processed')),
    ).toEqual([]);

    // Stripe was asked for a subscription only to settle a same-second tie, and its answer settled it.
    const tied = histories.subscriptions.filter((h) => h.tiedVersions.length > 0).map((h) => h.id);
    expect([...subscriptionFetches(fake.requests).keys()].filter((id) => !tied.includes(id))).toEqual([]);
    expect(inOrder.fetched).toEqual([...tied].sort());
    const endTied = histories.subscriptions.filter((h) => h.tiedVersions[1] === LAST).map((h) => h.id);
    expect(endTied.filter((id) => !crashed.fetched.includes(id))).toEqual([]);
    expect(crashed.fetched.filter((id) => !tied.includes(id))).toEqual([]);
  });
});
