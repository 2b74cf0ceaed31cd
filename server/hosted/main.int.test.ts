import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnServer, type SpawnedServer } from '../../tests/support/spawn-server';
import { waitFor } from '../../tests/support/wait';
import { callHosted } from './hosted.test-kit';
import { openDataDir } from '../backend/runtime';
import { createWorkspace } from '../demo/seed';
import { createSecretBox, newSecretKey } from '../lib/secret-box';
import { stripeSecretContext } from '../modules/stripe-events/sealed-secret';
import { newWebhookSecret } from '../../tests/fakes/stripe/webhooks';

/** `npm run server` as its own process: configuration, the first owner, and a graceful stop. */

const SECRET = Buffer.alloc(32, 9).toString('base64');
const OWNER = { email: 'owner@hosted.test', password: 'a long private phrase for tests' };

let dir: string;
let server: SpawnedServer;

function env(dataDir: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    TOLLGATE_SERVER_DATA_DIR: dataDir,
    TOLLGATE_TOKEN_SECRET: SECRET,
    TOLLGATE_OWNER_EMAIL: OWNER.email,
    TOLLGATE_OWNER_PASSWORD: OWNER.password,
    ...extra,
  };
}

const start = (environment: Record<string, string>) =>
  // The server's own announcement is the signal, within the shared loaded-machine budget.
  spawnServer({ entry: 'server/hosted/main.ts', env: environment, announce: 'Tollgate server:' });

async function startFailure(environment: Record<string, string>): Promise<string> {
  const error = await start(environment).then(
    async (s) => {
      await s.stop();
      return null;
    },
    (e: unknown) => e as Error,
  );
  if (!error) throw new Error('expected the server to refuse to start');
  return error.message;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tollgate-hosted-'));
  // A small REST body limit, to see the environment reach the REST API (docs/rest-api.md).
  // …and a long drain, which the last test starts (closing stdin, as afterAll does, skips it).
  server = await start(
    env(join(dir, 'main'), { TOLLGATE_REST_BODY_LIMIT: '4096', TOLLGATE_DRAIN_SECONDS: '300' }),
  );
}, 150_000);
afterAll(async () => {
  await server?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('npm run server (the hosted server entry)', () => {
  it('listens on 127.0.0.1 and answers /healthz', async () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const res = await fetch(`${server.url}/healthz`);
    expect(await res.json()).toEqual({ status: 'ok' });
  });

  it('acts for nobody by default, and makes the platform owner on its first start', async () => {
    const anonymous = await callHosted(server.url, 'query', 'customers.list', {});
    expect(anonymous.status).toBe(401);
    const signedIn = await callHosted<{ accessToken: string }>(server.url, 'mutation', 'auth.login', OWNER);
    const me = await callHosted<{ platformRole: string; user: { email: string } }>(
      server.url,
      'query',
      'auth.me',
      undefined,
      { token: signedIn.data?.accessToken },
    );
    expect(me.data).toMatchObject({ platformRole: 'owner', user: { email: OWNER.email } });
    // …with a first workspace to work in, so the console has somewhere to create the others.
    const session = await callHosted<{ tenant: { name: string } | null }>(
      server.url,
      'query',
      'tenants.session',
      undefined,
      { token: signedIn.data?.accessToken },
    );
    expect(session.data?.tenant?.name).toBe('My workspace');
  });

  it('gives the REST API the limits the environment sets', async () => {
    const signedIn = await callHosted<{ accessToken: string }>(server.url, 'mutation', 'auth.login', OWNER);
    const token = signedIn.data?.accessToken;
    const session = await callHosted<{ tenant: { id: string } }>(
      server.url,
      'query',
      'tenants.session',
      undefined,
      {
        token,
      },
    );
    const created = await callHosted<{ key: string }>(
      server.url,
      'mutation',
      'admin.apiKeys.create',
      { name: 'Limits check', role: 'admin' },
      { token, tenantId: session.data?.tenant.id },
    );
    const key = created.data?.key as string;
    expect(key).toMatch(/^tg_key_/);
    const post = (name: string) =>
      fetch(`${server.url}/api/v1/customers`, {
        method: 'POST',
        headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
        body: JSON.stringify({ name, email: 'limits@example.com', country: 'US' }),
      });
    const tooLarge = await post('x'.repeat(5000));
    expect(tooLarge.status).toBe(413);
    expect(((await tooLarge.json()) as { error: { message: string } }).error.message).toBe(
      'The request body is larger than 4,096 bytes',
    );
    // Under the limit, the same request is read (and refused only for its too-long name).
    expect((await post('x'.repeat(3000))).status).toBe(400);
  });

  it('never resets the owner’s password from the environment on a later start', async () => {
    const dataDir = join(dir, 'restart');
    const first = await start(env(dataDir));
    await first.stop();
    const second = await start(env(dataDir, { TOLLGATE_OWNER_PASSWORD: 'a different passphrase now' }));
    try {
      const stale = await callHosted(second.url, 'mutation', 'auth.login', {
        email: OWNER.email,
        password: 'a different passphrase now',
      });
      expect(stale.error?.message).toBe('Email or password is wrong');
      expect((await callHosted(second.url, 'mutation', 'auth.login', OWNER)).data).toBeDefined();
    } finally {
      await second.stop();
    }
  });

  it('refuses a bad environment at start, naming every variable and echoing no secret', async () => {
    const message = await startFailure({
      PORT: 'eighty',
      TOLLGATE_SERVER_DATA_DIR: join(dir, 'bad'),
      TOLLGATE_TOKEN_SECRET: 'dG9vLXNob3J0',
      TOLLGATE_OWNER_EMAIL: OWNER.email,
      TOLLGATE_OWNER_PASSWORD: 'hunter2',
      SMTP_HOST: 'smtp.example.com',
      SMTP_FROM: 'billing@example.com',
      SMTP_USER: 'billing',
      SMTP_PASSWORD: 'smtp-password-do-not-print',
      SMTP_PORT: 'twenty-five',
      TOLLGATE_REST_KEY_RATE: 'fast',
    });
    expect(message).toContain('PORT must be a whole number from 0 to 65535, got "eighty"');
    expect(message).toContain('TOLLGATE_TOKEN_SECRET must hold at least 32 bytes');
    expect(message).toContain('TOLLGATE_OWNER_PASSWORD is too weak: Use at least 12 characters');
    expect(message).toContain('SMTP_PORT must be a whole number from 1 to 65535');
    expect(message).toContain('TOLLGATE_REST_KEY_RATE must be a whole number of requests per second');
    for (const secret of ['dG9vLXNob3J0', 'hunter2', 'smtp-password-do-not-print']) {
      expect(message).not.toContain(secret);
    }
  });

  it('will not start without a token secret, nor with no way for anyone to sign in', async () => {
    expect(await startFailure({ TOLLGATE_SERVER_DATA_DIR: join(dir, 'none') })).toContain(
      'TOLLGATE_TOKEN_SECRET is required',
    );
    expect(
      await startFailure({ TOLLGATE_SERVER_DATA_DIR: join(dir, 'none'), TOLLGATE_TOKEN_SECRET: SECRET }),
    ).toContain('This server has no accounts yet: set TOLLGATE_OWNER_EMAIL and TOLLGATE_OWNER_PASSWORD');
  });

  it('will not start when a stored signing secret opens with no configured key, naming the table and the key', async () => {
    const dataDir = join(dir, 'wrong-key');
    const database = openDataDir(dataDir);
    const { tenant } = await createWorkspace(database.db, {
      ownerName: 'Owner',
      ownerEmail: OWNER.email,
      tenantName: 'Elsewhere',
      tenantSlug: 'elsewhere',
      now: Date.now(),
    });
    // Sealed under a key this server is not given (the process's key is TOLLGATE_SECRETS_KEY).
    const foreign = newSecretKey();
    const plain = newWebhookSecret();
    const sealed = createSecretBox(foreign).seal(plain, stripeSecretContext(tenant.id));
    database.sqlite
      .prepare('INSERT INTO stripe_webhook_endpoints (tenant_id, secret, updated_at) VALUES (?, ?, ?)')
      .run(tenant.id, sealed, Date.now());
    await database.close();
    const message = await startFailure(env(dataDir));
    expect(message).toContain(
      `stripe_webhook_endpoints: a stored secret was sealed with key ${foreign.id}, which is neither TOLLGATE_SECRETS_KEY nor in TOLLGATE_SECRETS_KEY_PREVIOUS`,
    );
    expect(message).not.toContain(plain);
  });

  it('on SIGTERM stops taking connections but finishes the request in hand, then exits cleanly', async () => {
    const doomed = await start(env(join(dir, 'graceful')));
    const exited = new Promise<number | null>((resolve) => doomed.process.once('exit', resolve));
    const body = JSON.stringify(OWNER);
    // A sign-in whose body is only half sent when the signal arrives.
    const req = request(`${doomed.url}/trpc/auth.login`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'content-length': Buffer.byteLength(body),
        'x-tollgate-client': 'web:shutdown-test',
      },
    });
    const answer = new Promise<{ status: number; text: string }>((resolve, reject) => {
      req.on('response', (res) => {
        let text = '';
        res.on('data', (chunk: Buffer) => (text += chunk.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
      });
      req.on('error', reject);
    });
    await new Promise<void>((resolve) => req.write(body.slice(0, 10), () => resolve()));
    // The request is in hand once the server has answered one sent after it on another
    // connection: it takes connections, and reads what came on them, in order.
    expect((await fetch(`${doomed.url}/healthz`)).status).toBe(200);
    doomed.process.kill('SIGTERM');
    // New connections are refused while the one in hand is still open.
    await waitFor('the server to refuse new connections', () =>
      fetch(`${doomed.url}/healthz`).then(
        () => false,
        () => true,
      ),
    );
    req.end(body.slice(10));
    const { status, text } = await answer;
    expect(status).toBe(200);
    expect(text).toContain('accessToken');
    expect(await exited).toBe(0);
  });

  // Last: it stops the shared server (a fresh one would cost another start).
  it('on SIGTERM with a drain answers /readyz 503 while still serving, and a second signal ends the drain', async () => {
    const draining = server;
    const exited = new Promise<number | null>((resolve) => draining.process.once('exit', resolve));
    const ready = await fetch(`${draining.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready' });
    draining.process.kill('SIGTERM');
    await waitFor(
      '/readyz to answer 503',
      async () => (await fetch(`${draining.url}/readyz`)).status === 503,
    );
    const unready = await fetch(`${draining.url}/readyz`);
    expect(await unready.json()).toEqual({
      status: 'unavailable',
      reason: 'shutting down: finishing the requests in hand',
    });
    // Still alive, and still answering calls a load balancer sent before it noticed.
    expect((await fetch(`${draining.url}/healthz`)).status).toBe(200);
    expect((await callHosted(draining.url, 'mutation', 'auth.login', OWNER)).status).toBe(200);
    draining.process.kill('SIGTERM');
    expect(await exited).toBe(0);
  });
});
