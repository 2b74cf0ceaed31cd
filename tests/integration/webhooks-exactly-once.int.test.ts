import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWebhookReceiver, processDueStripeEvents } from '../../server/modules/stripe-events';
import { createTestWorld } from '../../server/testing/world';
import { deliveryClient, newWebhookSecret, signedDelivery, stripeEvent } from '../fakes/stripe/webhooks';
import type { StripeEvent } from '../fakes/stripe/events';
import { spawnServer, type SpawnedServer } from '../support/spawn-server';
import { createRecordingTables, recordingHandlers, RECORDED_TYPE } from './webhooks/recording-handler';

/**
 * Exactly once, end to end: 10,000 subscription events, 2,000 of them delivered twice, all
 * shuffled and posted 64 at a time to a real server process; the process is SIGKILLed
 * mid-stream and restarted on the same database, and every delivery it did not acknowledge
 * is sent again (as Stripe does). In the end each event is in the inbox once, was applied at
 * most once (late ones are stale, never applied), and the state equals an in-order run's.
 */

const SUBSCRIPTIONS = 500;
const VERSIONS = 20;
const DUPLICATES = 2_000;
const CONCURRENCY = 64;
const KILL_AFTER = 5_000;

const dir = mkdtempSync(join(tmpdir(), 'tollgate-exactly-once-'));
const secret = newWebhookSecret();
let server: SpawnedServer;
let tenantId: string;

/** Subscription i's version k: its own second, a quantity that grows, canceled at the end for every third. */
function makeEvents(): StripeEvent[] {
  const base = 1_780_000_000;
  const events: StripeEvent[] = [];
  for (let i = 0; i < SUBSCRIPTIONS; i++) {
    for (let k = 0; k < VERSIONS; k++) {
      const last = k === VERSIONS - 1;
      events.push(
        stripeEvent(
          RECORDED_TYPE,
          {
            id: `sub_exactly${i}`,
            object: 'subscription',
            status: last && i % 3 === 0 ? 'canceled' : 'active',
            quantity: k + 1,
          },
          { created: base + k * 60 + (i % 60) },
        ),
      );
    }
  }
  return events;
}

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
    entry: 'tests/integration/webhooks/server-entry.ts',
    env: { TOLLGATE_SERVER_DATA_DIR: dir },
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
 * those not acknowledged with a 2xx (connection refused or reset: the server died).
 * `onAcknowledged` runs after each 2xx, and may kill the server.
 */
async function postAll(
  url: string,
  deliveries: StripeEvent[],
  onAcknowledged: (count: number) => void = () => undefined,
): Promise<StripeEvent[]> {
  const client = deliveryClient(CONCURRENCY);
  const unacknowledged: StripeEvent[] = [];
  let next = 0;
  let acknowledged = 0;
  const worker = async () => {
    while (next < deliveries.length) {
      const event = deliveries[next++] as StripeEvent;
      try {
        const answer = await client.post(`${url}/webhooks/stripe/${tenantId}`, signedDelivery(event, secret));
        if (answer.status !== 200) throw new Error(`answered ${answer.status}`);
        onAcknowledged(++acknowledged);
      } catch {
        unacknowledged.push(event);
      }
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  client.close();
  return unacknowledged;
}

function openReadOnly() {
  return new Database(join(dir, 'tollgate.sqlite'), { readonly: true, fileMustExist: true });
}

/** Waits until the processor has nothing left due or leased. */
async function drained(timeoutMs: number): Promise<void> {
  const started = Date.now();
  const db = openReadOnly();
  try {
    for (;;) {
      const open = db
        .prepare("SELECT count(*) FROM stripe_events WHERE status IN ('pending', 'failed')")
        .pluck()
        .get() as number;
      if (open === 0) return;
      if (Date.now() - started > timeoutMs) throw new Error(`${open} events still unprocessed`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  } finally {
    db.close();
  }
}

type StateRow = { subscription_id: string; status: string; quantity: number; event_id: string };
const stateOf = (db: Database.Database) =>
  db
    .prepare(
      'SELECT subscription_id, status, quantity, event_id FROM test_subscription_state ORDER BY subscription_id',
    )
    .all() as StateRow[];

/** The same events, one at a time in Stripe's order, through the same receiver and processor, in process. */
async function inOrderState(events: StripeEvent[]): Promise<StateRow[]> {
  const world = await createTestWorld();
  try {
    createRecordingTables(world.database.sqlite);
    const inOrderTenant = world.tenants.A.id;
    await world.as('owner', inOrderTenant).webhooks.setSecret({ secret });
    const receiver = createWebhookReceiver({
      db: world.database.db,
      sqlite: world.database.sqlite,
      clock: world.clock,
    });
    const ordered = [...events].sort((a, b) => a.created - b.created);
    for (const event of ordered) {
      const { body, headers } = signedDelivery(event, secret, {
        timestamp: Math.floor(world.clock.now() / 1000),
      });
      const receipt = await receiver.receive(inOrderTenant, Buffer.from(body), headers['stripe-signature']);
      expect(receipt.outcome).toBe('stored');
    }
    // One pass takes them oldest Stripe time first: each applied in order, none stale.
    const ran = await processDueStripeEvents(
      {
        db: world.database.db,
        clock: world.clock,
        logger: world.services.logger,
        gateways: world.services.gateways,
        handlers: recordingHandlers,
      },
      events.length,
    );
    expect(ran).toBe(events.length);
    expect(world.database.sqlite.prepare('SELECT count(*) FROM test_applications').pluck().get()).toBe(
      events.length,
    );
    return stateOf(world.database.sqlite);
  } finally {
    await world.close();
  }
}

beforeAll(async () => {
  server = await startServer();
  const session = await trpc<{ tenant: { id: string } }>(server.url, 'workspace.session');
  tenantId = session.tenant.id;
  await trpc(server.url, 'webhooks.setSecret', { secret });
});
afterAll(async () => {
  await server.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('webhook deliveries, duplicated, shuffled and interrupted by a crash', () => {
  it('end with every event stored once, applied at most once, and the in-order state', async () => {
    const events = makeEvents();
    const repeats = shuffled(events, 7).slice(0, DUPLICATES);
    const deliveries = shuffled([...events, ...repeats], 42);

    // Up to the crash: SIGKILL once KILL_AFTER deliveries are acknowledged, with others in flight.
    let killed = false;
    const firstServer = server;
    const leftOver = await postAll(firstServer.url, deliveries, (count) => {
      if (count >= KILL_AFTER && !killed) {
        killed = true;
        firstServer.process.kill('SIGKILL');
      }
    });
    expect(killed).toBe(true);
    expect(leftOver.length).toBeGreaterThan(0);
    await firstServer.stop();

    // The same database, a new process: Stripe retries whatever was not acknowledged.
    server = await startServer();
    const stillUnacknowledged = await postAll(server.url, leftOver);
    expect(stillUnacknowledged).toEqual([]);
    await drained(30_000);
    await server.stop();

    const db = openReadOnly();
    try {
      const inbox = db
        .prepare('SELECT event_id, status FROM stripe_events WHERE tenant_id = ?')
        .all(tenantId) as {
        event_id: string;
        status: string;
      }[];
      // Nothing lost, nothing doubled.
      expect(inbox).toHaveLength(events.length);
      expect(new Set(inbox.map((r) => r.event_id))).toEqual(new Set(events.map((e) => e.id)));
      // Every event reached an end: applied, or stale because a newer snapshot was already in.
      const statuses = new Set(inbox.map((r) => r.status));
      expect([...statuses].every((s) => s === 'processed' || s === 'stale')).toBe(true);
      // Applied at most once each, and exactly the ones marked processed.
      const applications = db
        .prepare('SELECT event_id, count(*) AS n FROM test_applications GROUP BY event_id')
        .all() as {
        event_id: string;
        n: number;
      }[];
      expect(applications.filter((a) => a.n > 1)).toEqual([]);
      expect(new Set(applications.map((a) => a.event_id))).toEqual(
        new Set(inbox.filter((r) => r.status === 'processed').map((r) => r.event_id)),
      );
      // The final state is the in-order run's: each subscription at its last version.
      const expected = await inOrderState(events);
      expect(expected).toHaveLength(SUBSCRIPTIONS);
      expect(stateOf(db)).toEqual(expected);
    } finally {
      db.close();
    }
  }, 90_000);
});
