/**
 * Licensing, HTTP part: `POST /api/v1/licenses/validate` as the platform's apps call it — the
 * license key in the body, no API key — on a real hosted server on 127.0.0.1 (the tests'
 * composition, production code throughout), with autocannon in a child process keeping 1, 16
 * and 64 requests in flight: requests/s, p50/p99, the server's CPU µs per request (judge by
 * it on a loaded machine; the load average is printed with each run) and its event loop's delay
 * (p99 and longest: how long a request that arrived could wait behind other work). Beside it, the same
 * validation in-process: the decision alone, and `validateLicense` (view cache, decision, log
 * note) — the ratios say what HTTP and the REST layer add. The aim: ≥ 5,000 validations/s with
 * p99 ≤ 10 ms at 64 in flight on 2 cores.
 *
 *   npx tsx bench/licensing-http.ts [seconds per run] [--pg] [--profile=DIR]
 *
 * `--pg` runs it again with the server on PostgreSQL (TOLLGATE_BENCH_POSTGRES_URL, else a
 * throwaway cluster: fsync off, default memory settings).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { loadavg, tmpdir } from 'node:os';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { join } from 'node:path';
import { decide } from '../shared/licensing/decision';
import { PERMISSIONS } from '../shared/permissions';
import { appRouter } from '../server/app/router';
import { createApiKey, verifyApiKey } from '../server/auth';
import { createHostedBackend, type HostedBackend } from '../server/hosted/backend';
import { TEST_OWNER, TEST_SCRYPT } from '../server/hosted/hosted.test-kit';
import { createRestApi, REST_PREFIX } from '../server/hosted/rest';
import { close, createHttpServer, listen } from '../server/http/server';
import { systemClock } from '../server/lib/clock';
import { silentLogger } from '../server/lib/logger';
import { licenseKeyHash, validateLicense } from '../server/modules/licensing';
import { seedLicense, seedPolicy } from '../server/modules/licensing/licensing.test-kit';
import { readLicenseView } from '../server/modules/licensing/api/view';
import { insertTenant } from '../server/modules/tenants';
import { createCallerFactory } from '../server/trpc/base';
import { createContext } from '../server/trpc/context';
import { benchPostgres } from './lib/pg-server';
import { profilePhase } from './lib/sync-cpu';
import { loadFromChild, type LoadFigures } from './lib/load';
import { ms, table } from './lib/stats';

const SECONDS = Number(process.argv.find((a) => /^\d+$/.test(a)) ?? 5);
const PG = process.argv.includes('--pg');
/** `--profile=DIR`: a CPU profile of this process (the server) per HTTP run, `DIR/<db>-<in flight>.cpuprofile`. */
const PROFILE_DIR = process.argv.find((a) => a.startsWith('--profile='))?.slice('--profile='.length) ?? null;
const IN_FLIGHT = [1, 16, 64] as const;
const LICENSES = 256;
const CALLS = 20_000;
const UNLIMITED = { perSecond: 1_000_000, burst: 1_000_000 };
const say = (text: string) => process.stdout.write(`${text}\n`);
const load = () => loadavg()[0]?.toFixed(2) ?? '?';
const latency = (value: number) => (value === 0 ? '<1 ms' : ms(value));

interface Served {
  url: string;
  backend: HostedBackend;
  stop(): Promise<void>;
}

async function serve(dir: string, postgres: { url: string; poolSize: number } | null): Promise<Served> {
  const backend = await createHostedBackend({
    config: {
      dataDir: join(dir, 'server'),
      postgres,
      tokenKey: { secret: new TextEncoder().encode('bench-only token secret, 32 bytes+') },
      owner: TEST_OWNER,
      gateway: {},
      smtp: null,
    },
    logger: silentLogger,
    clock: systemClock,
    scrypt: TEST_SCRYPT,
  });
  const rest = createRestApi({
    services: backend.services,
    logger: silentLogger,
    limits: { perKey: UNLIMITED, perAddress: UNLIMITED },
  });
  const server: Server = createHttpServer({
    router: backend.router,
    createContext: (req, { address }) =>
      backend.contextFromHeaders((name) => req.headers[name] as string | undefined, 'hosted', address),
    logger: silentLogger,
    anyHost: true,
    publicRoutes: { [REST_PREFIX]: rest.route },
  });
  const { url } = await listen(server, 0);
  return {
    url,
    backend,
    stop: async () => {
      await close(server);
      rest.stop();
      await backend.close();
    },
  };
}

/** A workspace with one customer and product, LICENSES floating licenses each active on one machine. */
async function seed(backend: HostedBackend) {
  const { db } = backend.services;
  const now = Date.now();
  const tenant = await insertTenant(db, { name: 'Bench', slug: 'bench', now });
  const { key: apiKey } = await createApiKey(db, {
    tenantId: tenant.id,
    name: 'bench',
    role: 'billing',
    scopes: PERMISSIONS,
    createdBy: null,
    now,
  });
  const principal = await verifyApiKey(db, apiKey, now);
  const console = createCallerFactory(appRouter)(
    createContext({ services: backend.services, principal, client: { kind: 'test', id: 'bench' } }),
  );
  const customer = await console.customers.create({ name: 'Campus', email: 'it@campus.test', country: 'GB' });
  const product = await console.catalog.createProduct({ name: 'Courses' });
  const policy = await seedPolicy(db, { tenantId: tenant.id, productId: product.id, now, max_machines: 4 });
  const bodies: string[] = [];
  const keys: string[] = [];
  for (let i = 0; i < LICENSES; i++) {
    const { license, key } = await seedLicense(db, { policy, customerId: customer.id, now });
    await db
      .insertInto('license_machines')
      .values({
        id: `lmc_BENCH${String(i).padStart(21, '0')}`,
        tenant_id: tenant.id,
        customer_id: customer.id,
        license_id: license.id,
        fingerprint: `fp-${i}`,
        name: null,
        platform: null,
        activated_via: 'api',
        activated_at: now,
        last_heartbeat_at: null,
        created_by: null,
      })
      .execute();
    keys.push(key);
    bodies.push(JSON.stringify({ key, fingerprint: `fp-${i}`, scope: { product: product.id } }));
  }
  return { bodies, keys, productId: product.id };
}

/**
 * The floor under any answer on this machine: node:http alone reading the same bodies and
 * answering a validation's JSON, under the same load. Our server's CPU per request over this
 * one's is what the REST layer, the lookup and the log cost.
 */
async function bareHttp(bodies: string[], connections: number): Promise<LoadFigures> {
  const answer = JSON.stringify({ valid: true, code: 'VALID', detail: 'The license is valid' });
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      JSON.parse(Buffer.concat(chunks).toString('utf8'));
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' }).end(answer);
    });
  });
  const { url } = await listen(server, 0);
  try {
    return await loadFromChild({
      url,
      connections,
      duration: SECONDS,
      requests: bodies.map((body) => ({
        method: 'POST' as const,
        path: '/',
        headers: { 'content-type': 'application/json' },
        body,
      })),
    });
  } finally {
    await close(server);
  }
}

/** µs per call, one at a time, after a warm-up. */
async function inProcess(call: (i: number) => unknown): Promise<{ us: number; cpuUs: number }> {
  for (let i = 0; i < 2_000; i++) await call(i);
  const cpu = process.cpuUsage();
  const start = performance.now();
  for (let i = 0; i < CALLS; i++) await call(i);
  const wall = performance.now() - start;
  const used = process.cpuUsage(cpu);
  return { us: (wall * 1000) / CALLS, cpuUs: (used.user + used.system) / CALLS };
}

async function run(label: string, postgres: { url: string; poolSize: number } | null): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'tollgate-bench-licensing-'));
  const served = await serve(dir, postgres);
  try {
    const world = await seed(served.backend);
    const { db, logger } = served.backend.services;
    const now = Date.now();
    const views = await Promise.all(world.keys.map((k) => readLicenseView(db, licenseKeyHash(k), now)));
    const requests = world.keys.map((key, i) => ({
      key,
      fingerprint: `fp-${i}`,
      scope: { product: world.productId },
    }));
    const decision = await inProcess((i) => {
      const view = views[i % LICENSES];
      return decide(
        view?.state ?? null,
        view?.policy ?? null,
        requests[i % LICENSES] ?? { key: '' },
        Date.now(),
      );
    });
    const caller = { kind: 'license-key' as const, address: '127.0.0.1' };
    const service = await inProcess((i) =>
      validateLicense({ db, logger }, requests[i % LICENSES] ?? { key: '' }, caller, Date.now()),
    );
    const rows: string[][] = [
      [
        'in flight',
        'validations/s',
        'p50',
        'p99',
        'server CPU µs/req',
        'loop delay p99/max',
        'bare node:http /s',
        'its CPU µs/req',
        'load',
        '× decision',
        '× validateLicense',
      ],
    ];
    for (const connections of IN_FLIGHT) {
      const profiled = profilePhase(PROFILE_DIR, `${label}-${connections}`);
      const stalls = monitorEventLoopDelay({ resolution: 1 });
      stalls.enable();
      const figures: LoadFigures = await loadFromChild({
        url: served.url,
        connections,
        duration: SECONDS,
        requests: world.bodies.map((body) => ({
          method: 'POST' as const,
          path: '/api/v1/licenses/validate',
          headers: { 'content-type': 'application/json' },
          body,
        })),
      });
      profiled();
      stalls.disable();
      const bare = await bareHttp(world.bodies, connections);
      const perRequestUs = 1e6 / figures.perSecond;
      rows.push([
        String(connections),
        Math.round(figures.perSecond).toLocaleString('en'),
        latency(figures.p50),
        latency(figures.p99),
        figures.serverCpuUs.toFixed(0),
        `${ms(stalls.percentile(99) / 1e6)} / ${ms(stalls.max / 1e6)}`,
        Math.round(bare.perSecond).toLocaleString('en'),
        bare.serverCpuUs.toFixed(0),
        load(),
        `${(perRequestUs / decision.us).toFixed(0)}×`,
        `${(perRequestUs / service.us).toFixed(1)}×`,
      ]);
    }
    const logged = await db
      .selectFrom('license_validations')
      .select(db.fn.countAll<number>().as('n'))
      .executeTakeFirst();
    say(`\n${label}: ${LICENSES} licenses in rotation, ${SECONDS} s per run`);
    say(
      `in-process: decide ${decision.us.toFixed(2)} µs/call (CPU ${decision.cpuUs.toFixed(2)}), validateLicense ${service.us.toFixed(1)} µs/call (CPU ${service.cpuUs.toFixed(1)}); load ${load()}`,
    );
    say(table(rows));
    say(
      `validation log rows after the runs: ${Number(logged?.n ?? 0).toLocaleString('en')} (≤ ${LICENSES} × 100)`,
    );
  } finally {
    await served.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  say(`load before: ${load()}`);
  await run('SQLite', null);
  if (PG) {
    const postgres = await benchPostgres();
    try {
      const database = await postgres.database('licensing');
      say(`\nPostgreSQL: ${postgres.origin}`);
      await run('PostgreSQL', { url: database.url, poolSize: 10 });
    } finally {
      await postgres.stop();
    }
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
