import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { prepareTenant } from '../../tests/integration/stripe-events/webhook-servers';
import { startNginx, type Nginx } from '../../tests/support/nginx';
import { freePort } from '../../tests/support/ports';
import { spawnServer, type SpawnedServer } from '../../tests/support/spawn-server';
import { readFileSync } from 'node:fs';
import { benchPostgres } from './pg-server';
import { backendsOf, cpuProfileNodeOptions, withChildren, type RolePids } from './webhook-cpu';

/**
 * The webhook bench's servers: hosted-server processes (server/hosted/main.ts, as in
 * production) on one database, one alone on SQLite or several behind nginx on PostgreSQL,
 * their owner's workspace given the webhook secret. stop() ends everything it started.
 */

export interface WebhookFleet {
  /** Where Stripe would deliver: POST <endpoint> (nginx's address, or the one instance's). */
  endpoint: string;
  /** What it is, for the figures' labels. */
  label: string;
  /** Where its database is, printed beside the figures. */
  origin: string;
  /** Its processes by role, for the CPU split (bench/lib/webhook-cpu.ts). */
  cpuRoles: Record<string, RolePids>;
  stop(): Promise<void>;
}

const OWNER = { email: 'owner@bench.example', password: 'a long passphrase for the bench' };

/** Signs in as the owner and gives their first workspace the secret; resolves with its endpoint path. */
async function webhookPath(url: string, env: Record<string, string>, secret: string): Promise<string> {
  return `/webhooks/stripe/${await prepareTenant(url, env, secret)}`;
}

function startInstance(env: Record<string, string>, port: number): Promise<SpawnedServer> {
  return spawnServer({
    entry: 'server/hosted/main.ts',
    env: { ...env, PORT: String(port) },
    announce: 'Tollgate server:',
  });
}

const pidsOf = (servers: SpawnedServer[]) => servers.flatMap((server) => server.process.pid ?? []);

/** Stops what was started, last first; one failing stop does not keep the others running. */
async function stopAll(stops: (() => Promise<void>)[]): Promise<void> {
  for (const stop of [...stops].reverse()) await stop().catch(() => undefined);
}

export async function startWebhookFleet(options: {
  dir: string;
  secret: string;
  /** null: one instance on SQLite in `dir`. */
  postgres: { instances: number; poolSize: number } | null;
}): Promise<WebhookFleet> {
  const stops: (() => Promise<void>)[] = [];
  const env: Record<string, string> = {
    TOLLGATE_SERVER_DATA_DIR: join(options.dir, 'server'),
    TOLLGATE_TOKEN_SECRET: randomBytes(32).toString('base64'),
    // One key for the fleet: every instance opens what another sealed.
    TOLLGATE_SECRETS_KEY: randomBytes(32).toString('base64'),
    TOLLGATE_OWNER_EMAIL: OWNER.email,
    TOLLGATE_OWNER_PASSWORD: OWNER.password,
    // WEBHOOK_BENCH_CPU_PROF=<dir>: each instance writes a V8 CPU profile there when it stops.
    ...(process.env.WEBHOOK_BENCH_CPU_PROF
      ? { NODE_OPTIONS: cpuProfileNodeOptions(process.env.WEBHOOK_BENCH_CPU_PROF) }
      : {}),
  };
  try {
    if (!options.postgres) {
      const server = await startInstance(env, 0);
      stops.push(() => server.stop());
      const endpoint = `${server.url}${await webhookPath(server.url, env, options.secret)}`;
      return {
        endpoint,
        label: 'SQLite, 1 instance',
        origin: 'tollgate.sqlite',
        cpuRoles: { instances: () => pidsOf([server]) },
        stop: () => stopAll(stops),
      };
    }
    const { instances, poolSize } = options.postgres;
    // TOLLGATE_BENCH_POSTGRES_URL's server, else a throwaway cluster; a database of the bench's own.
    const postgres = await benchPostgres();
    stops.push(() => postgres.stop());
    const database = await postgres.database('webhooks');
    env.DATABASE_URL = database.url;
    env.TOLLGATE_DATABASE_POOL_SIZE = String(poolSize);
    const ports: number[] = [];
    const servers: SpawnedServer[] = [];
    // One at a time: the first migrates the new database and makes the owner.
    for (let i = 0; i < instances; i++) {
      const port = await freePort();
      const server = await startInstance(env, port);
      stops.push(() => server.stop());
      servers.push(server);
      ports.push(port);
    }
    const path = await webhookPath(`http://127.0.0.1:${ports[0]}`, env, options.secret);
    const nginx: Nginx = await startNginx({ upstreams: ports.map((port) => `127.0.0.1:${port}`) });
    stops.push(() => nginx.stop());
    return {
      endpoint: `${nginx.url}${path}`,
      label: `PostgreSQL, ${instances} instances behind nginx`,
      origin: postgres.origin,
      cpuRoles: {
        instances: () => pidsOf(servers),
        nginx: () => withChildren(Number(readFileSync(join(nginx.directory, 'nginx.pid'), 'utf8').trim())),
        'PostgreSQL backends': () => backendsOf(new URL(database.url).pathname.slice(1)),
      },
      stop: () => stopAll(stops),
    };
  } catch (error) {
    await stopAll(stops);
    throw error;
  }
}
