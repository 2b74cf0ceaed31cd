/**
 * Webhook ingestion: the endpoint's throughput (events/s) and latency under concurrent load
 * on 127.0.0.1 — a real hosted-server process, its processor running as in production —
 * beside what one delivery costs in process: the signature check alone, and the check plus
 * the inbox insert (as the endpoint does it, and through Kysely's query builder instead).
 *
 *   npm run bench:webhooks -- [events per load level]
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../server/db/connection';
import { createWorkspace } from '../server/demo/seed';
import { systemClock } from '../server/lib/clock';
import { createWebhookReceiver } from '../server/modules/stripe-events';
import { inboxEvent, insertInboxEvent } from '../server/modules/stripe-events/inbox';
import { verifyDelivery } from '../server/modules/stripe-events/signature';
import {
  deliveryClient,
  newWebhookSecret,
  signedDelivery,
  stripeEvent,
  type Delivery,
} from '../tests/fakes/stripe/webhooks';
import { spawnServer } from '../tests/support/spawn-server';
import { ms, summarize, table, type Summary } from './lib/stats';

const perLevel = Number(process.argv[2] ?? 10_000);
const ALONE_RUNS = 5_000;
const LEVELS = [1, 16, 64];
const dir = mkdtempSync(join(tmpdir(), 'tollgate-bench-webhooks-'));
const secret = newWebhookSecret();

/** A realistic event body (~2.5 kB, like a subscription update), signed now. */
function deliveries(count: number): Delivery[] {
  return Array.from({ length: count }, (_, i) =>
    signedDelivery(
      stripeEvent(
        'customer.subscription.updated',
        {
          id: `sub_bench${i % 1000}`,
          object: 'subscription',
          status: 'active',
          customer: `cus_bench${i % 1000}`,
          items: {
            object: 'list',
            data: [
              {
                id: `si_${i}`,
                price: { id: 'price_bench', unit_amount: 2900, currency: 'usd' },
                quantity: 1,
              },
            ],
          },
          metadata: { note: 'x'.repeat(1500) },
        },
        { previousAttributes: { quantity: 2 } },
      ),
      secret,
    ),
  );
}

async function timeEach(
  items: Delivery[],
  run: (d: Delivery) => unknown,
): Promise<Summary & { p99: number }> {
  const samples: number[] = [];
  for (const item of items) {
    const start = performance.now();
    await run(item);
    samples.push(performance.now() - start);
  }
  const sorted = [...samples].sort((a, b) => a - b);
  return { ...summarize(samples), p99: sorted[Math.ceil(sorted.length * 0.99) - 1] ?? Number.NaN };
}

/** The costs of one delivery in process, with no HTTP. */
async function alone() {
  const database = openDatabase({ path: join(dir, 'alone.sqlite') });
  const { tenant } = await createWorkspace(database.db, {
    ownerName: 'Bench',
    ownerEmail: 'bench@localhost',
    tenantName: 'Bench',
    tenantSlug: 'bench',
    now: Date.now(),
  });
  database.sqlite
    .prepare('INSERT INTO stripe_webhook_endpoints (tenant_id, secret, updated_at) VALUES (?, ?, ?)')
    .run(tenant.id, secret, Date.now());
  const receiver = createWebhookReceiver({ db: database.db, sqlite: database.sqlite, clock: systemClock });
  const verifyOnly = await timeEach(deliveries(ALONE_RUNS), (d) =>
    verifyDelivery(Buffer.from(d.body), d.headers['stripe-signature'], secret, Date.now()),
  );
  const prepared = await timeEach(deliveries(ALONE_RUNS), (d) =>
    receiver.receive(tenant.id, Buffer.from(d.body), d.headers['stripe-signature']),
  );
  const built = await timeEach(deliveries(ALONE_RUNS), async (d) => {
    const verified = verifyDelivery(Buffer.from(d.body), d.headers['stripe-signature'], secret, Date.now());
    if (!verified.ok) throw new Error(verified.reason);
    const event = inboxEvent(tenant.id, verified.event, d.body, 'webhook');
    await insertInboxEvent(database.db, event, Date.now());
  });
  await database.close();
  return { verifyOnly, prepared, built };
}

const OWNER = { email: 'owner@bench.example', password: 'a long passphrase for the bench' };

async function trpc(url: string, path: string, input: unknown, token?: string): Promise<unknown> {
  const response = await fetch(`${url}/trpc/${path}`, {
    method: input === undefined ? 'GET' : 'POST',
    headers: {
      'x-tollgate-client': 'web:bench',
      'content-type': 'application/json',
      ...(token && { authorization: `Bearer ${token}` }),
    },
    body: input === undefined ? undefined : JSON.stringify(input),
  });
  const body = (await response.json()) as { result?: { data: unknown } };
  if (!body.result) throw new Error(`${path} failed`);
  return body.result.data;
}

/** Posts `items` with `concurrency` requests in flight; per-request latency and events/s. */
async function load(endpoint: string, items: Delivery[], concurrency: number) {
  const client = deliveryClient(concurrency);
  const samples: number[] = [];
  let next = 0;
  const started = performance.now();
  const worker = async () => {
    while (next < items.length) {
      const delivery = items[next++] as Delivery;
      const start = performance.now();
      const response = await client.post(endpoint, delivery);
      if (response.status !== 200) throw new Error(`answered ${response.status}: ${response.body}`);
      samples.push(performance.now() - start);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const seconds = (performance.now() - started) / 1000;
  client.close();
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    ...summarize(samples),
    p99: sorted[Math.ceil(sorted.length * 0.99) - 1] ?? Number.NaN,
    perSecond: items.length / seconds,
  };
}

async function main(): Promise<void> {
  const costs = await alone();
  const server = await spawnServer({
    entry: 'server/hosted/main.ts',
    env: {
      TOLLGATE_SERVER_DATA_DIR: join(dir, 'server'),
      TOLLGATE_TOKEN_SECRET: randomBytes(32).toString('base64'),
      TOLLGATE_OWNER_EMAIL: OWNER.email,
      TOLLGATE_OWNER_PASSWORD: OWNER.password,
    },
    announce: 'Tollgate server:',
  });
  try {
    // The owner's first workspace receives the events; the endpoint itself needs no sign-in.
    const { accessToken } = (await trpc(server.url, 'auth.login', OWNER)) as { accessToken: string };
    const session = (await trpc(server.url, 'tenants.session', undefined, accessToken)) as {
      tenant: { id: string };
    };
    await trpc(server.url, 'stripeEvents.setSecret', { secret }, accessToken);
    const endpoint = `${server.url}/webhooks/stripe/${session.tenant.id}`;
    await load(endpoint, deliveries(1000), 16); // warm-up
    const base = costs.prepared.p50;
    const rows: string[][] = [['measured', 'p50', 'p99', 'events/s', 'p50 / (verify + insert)']];
    const inProcess = (label: string, s: Summary & { p99: number }) =>
      rows.push([
        label,
        ms(s.p50),
        ms(s.p99),
        Math.round(1000 / s.mean).toLocaleString('en'),
        `${(s.p50 / base).toFixed(2)}×`,
      ]);
    inProcess('signature check alone', costs.verifyOnly);
    inProcess('check + insert (prepared, as the endpoint)', costs.prepared);
    inProcess('check + insert (Kysely query builder)', costs.built);
    for (const concurrency of LEVELS) {
      const result = await load(endpoint, deliveries(perLevel), concurrency);
      rows.push([
        `endpoint over HTTP, ${concurrency} in flight`,
        ms(result.p50),
        ms(result.p99),
        Math.round(result.perSecond).toLocaleString('en'),
        `${(result.p50 / base).toFixed(2)}×`,
      ]);
    }
    process.stdout.write(
      `${table(rows)}\n\nIn-process rows: ${ALONE_RUNS.toLocaleString('en')} deliveries each, one at a time (events/s = 1 / mean).\n` +
        `Endpoint rows: ${perLevel.toLocaleString('en')} new events per level to a hosted-server process on 127.0.0.1 (its\n` +
        `processor marking them ignored meanwhile); the load generator runs in this process. Bodies ~2.5 kB.\n` +
        `The processor yields to I/O between events, so deliveries are answered while it works.\n`,
    );
  } finally {
    await server.stop();
  }
}

main()
  .catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
    process.exitCode = 1;
  })
  .finally(() => rmSync(dir, { recursive: true, force: true }));
