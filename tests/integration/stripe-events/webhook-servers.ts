import Database from 'better-sqlite3';
import { Kysely, sql, SqliteDialect } from 'kysely';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import type { DB } from '../../../server/db/schema';
import { openPostgresPool } from '../../../server/db/postgres-pool';
import type { FakeStripe } from '../../fakes/stripe';
import { TEST_BUDGET_MS } from '../../support/budgets';
import { spawnServer, type SpawnedServer } from '../../support/spawn-server';
import { waitFor } from '../../support/wait';
import { readOutcome, type MirrorOutcome } from './in-order-run';

/**
 * The exactly-once tests' servers: hosted-server processes (server-entry.ts) on one database,
 * SQLite in a data folder or PostgreSQL at a URL, whose gateway is the test's Stripe fake; and
 * a connection of the test's own to read what they left.
 */

/** Where the servers keep their data: one folder, and on PostgreSQL one database for all. */
export interface ServerData {
  dir: string;
  postgres: { url: string; poolSize: number } | null;
}

/** What every instance shares: the database, the Stripe account, the token key and the first owner. */
export function fleetEnv(data: ServerData, fake: FakeStripe): Record<string, string> {
  return {
    TOLLGATE_SERVER_DATA_DIR: join(data.dir, 'server'),
    ...(data.postgres && {
      DATABASE_URL: data.postgres.url,
      TOLLGATE_DATABASE_POOL_SIZE: String(data.postgres.poolSize),
    }),
    TOLLGATE_TOKEN_SECRET: randomBytes(32).toString('base64'),
    TOLLGATE_OWNER_EMAIL: 'mirror@exactly-once.test',
    TOLLGATE_OWNER_PASSWORD: `passphrase ${randomBytes(12).toString('hex')}`,
    STRIPE_SECRET_KEY: fake.secretKey,
    STRIPE_API_HOST: fake.host,
    STRIPE_API_PORT: String(fake.port),
    STRIPE_API_PROTOCOL: fake.protocol,
  };
}

/** One instance; `port` 0 picks a free one, a fixed port lets a load balancer find it again. */
export function startWebhookServer(env: Record<string, string>, port = 0): Promise<SpawnedServer> {
  return spawnServer({
    entry: 'tests/integration/stripe-events/server-entry.ts',
    env: { ...env, PORT: String(port) },
    announce: 'Webhook test server:',
  });
}

async function trpc<T>(url: string, path: string, input?: unknown, token?: string): Promise<T> {
  const response = await fetch(`${url}/trpc/${path}`, {
    method: input === undefined ? 'GET' : 'POST',
    headers: {
      'x-tollgate-client': 'web:exactly-once',
      'content-type': 'application/json',
      ...(token && { authorization: `Bearer ${token}` }),
    },
    body: input === undefined ? undefined : JSON.stringify(input),
  });
  const body = (await response.json()) as { result?: { data: T }; error?: unknown };
  if (!body.result) throw new Error(`${path} failed: ${JSON.stringify(body.error)}`);
  return body.result.data;
}

/** Signs in as the first owner and gives their workspace the webhook secret; resolves with its id. */
export async function prepareTenant(url: string, env: Record<string, string>, secret: string) {
  const owner = { email: env.TOLLGATE_OWNER_EMAIL, password: env.TOLLGATE_OWNER_PASSWORD };
  const { accessToken } = await trpc<{ accessToken: string }>(url, 'auth.login', owner);
  const session = await trpc<{ tenant: { id: string } }>(url, 'tenants.session', undefined, accessToken);
  await trpc(url, 'stripeEvents.setSecret', { secret }, accessToken);
  return session.tenant.id;
}

/** The test's own connection to the servers' database (read-only on SQLite). */
export function inspect(data: ServerData): { db: Kysely<DB>; close(): Promise<void> } {
  if (data.postgres) {
    const { dialect } = openPostgresPool(data.postgres.url, 2);
    const db = new Kysely<DB>({ dialect });
    return { db, close: () => db.destroy() };
  }
  const file = new Database(join(data.dir, 'server', 'tollgate.sqlite'), {
    readonly: true,
    fileMustExist: true,
  });
  const db = new Kysely<DB>({ dialect: new SqliteDialect({ database: file }) });
  return { db, close: () => db.destroy() };
}

/** Waits until the processors have nothing left due or leased; a failing handler fails the test at once. */
export async function drained(db: Kysely<DB>): Promise<void> {
  // 10,000 events on a loaded machine: the budget of a whole test, not of one signal.
  await waitFor(
    'every event to be processed',
    async () => {
      const failed = await sql`SELECT event_id, status, last_error FROM stripe_events
        WHERE last_error IS NOT NULL LIMIT 3`.execute(db);
      if (failed.rows.length > 0) throw new Error(`events failed: ${JSON.stringify(failed.rows)}`);
      const open = await sql<{ open: number }>`SELECT count(*) AS open FROM stripe_events
        WHERE status IN ('pending', 'failed')`.execute(db);
      return Number(open.rows[0]?.open) === 0;
    },
    TEST_BUDGET_MS,
  );
}

/** Once the processors are done: stops the servers and reads what they left for `tenantId`. */
export async function outcomeOnceDrained(
  data: ServerData,
  tenantId: string,
  stopServers: () => Promise<void>,
): Promise<MirrorOutcome> {
  const view = inspect(data);
  try {
    await drained(view.db);
    await stopServers();
    return await readOutcome(view.db, tenantId);
  } finally {
    await view.close();
  }
}
