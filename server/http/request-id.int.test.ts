import { sql } from 'kysely';
import { request } from 'node:http';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createContext } from '../trpc/context';
import { internalMessage } from '../trpc/errors';
import { appRouter } from '../app/router';
import { createLogger } from '../lib/logger';
import { createTestWorld, type TestWorld } from '../testing/world.test-kit';
import { REQUEST_ID_HEADER } from './request-id';
import { close, createHttpServer, listen } from './server';

/**
 * Every request has an id: the one a proxy sent when it is well formed, else a new one. The
 * answer carries it, every log line of the request carries it, and an unexpected error is
 * logged with it while the client is told only that reference.
 */

interface LogLine {
  level: number;
  msg: string;
  reqId?: string;
  err?: { message: string; stack: string };
  [key: string]: unknown;
}

let world: TestWorld;
let server: ReturnType<typeof createHttpServer>;
let url: string;
let lines: LogLine[] = [];
let breakContext = false;

const logger = createLogger(
  { level: 'debug', name: 'request-id-test' },
  { write: (line: string) => void lines.push(JSON.parse(line) as LogLine) },
);

beforeAll(async () => {
  world = await createTestWorld();
  server = createHttpServer({
    router: appRouter,
    logger,
    createContext: () => {
      if (breakContext) throw new Error('the session store fell over, secret tg_key_abc123');
      return createContext({
        services: { ...world.services, logger },
        principal: world.principals.owner,
        requestedTenantId: world.tenants.A.id,
        client: { kind: 'web', id: 'request-id-test' },
      });
    },
    routes: {
      '/boom': () => {
        throw new Error('a route bug, secret tg_key_def456');
      },
    },
    publicRoutes: {
      '/later-boom': () => Promise.reject(new Error('an async route bug, secret tg_key_ghi789')),
    },
  });
  ({ url } = await listen(server, 0));
});
afterAll(async () => {
  await close(server);
  await world.close();
});
beforeEach(() => {
  lines = [];
  breakContext = false;
});

interface Answer {
  status: number;
  id: string;
  body: string;
}

/** A raw request, so a test can send any x-request-id (fetch would refuse some). */
function send(
  path: string,
  options: { method?: string; headers?: Record<string, string>; body?: string } = {},
) {
  return new Promise<Answer>((resolve, reject) => {
    const req = request(
      `${url}${path}`,
      {
        method: options.method ?? 'GET',
        headers: { 'x-tollgate-client': 'web:request-id-test', ...options.headers },
      },
      (res) => {
        let body = '';
        res.on('data', (chunk: Buffer) => (body += chunk.toString()));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, id: String(res.headers[REQUEST_ID_HEADER]), body }),
        );
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

const createCustomer = (headers: Record<string, string> = {}) =>
  send('/trpc/customers.create', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ name: 'Doomed', email: 'doomed@test.example', country: 'US' }),
  });

/** Asserts a 500 that says nothing but the reference, and returns the error lines logged with it. */
function expectReferencedFailure(answer: Answer, secret: string): LogLine[] {
  expect(answer.status).toBe(500);
  expect(answer.body).toContain(internalMessage(answer.id));
  for (const leak of [secret, 'stack', '.ts:', 'Error:']) expect(answer.body).not.toContain(leak);
  const logged = lines.filter((line) => line.level >= 50 && line.reqId === answer.id);
  expect(logged.length, JSON.stringify(lines)).toBeGreaterThan(0);
  expect(logged.map((line) => line.err?.message).join(' ')).toContain(secret);
  return logged;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('request ids', () => {
  it('are given to every answer, a new one each time', async () => {
    const answers = await Promise.all([
      send('/healthz'),
      send('/nowhere'),
      send('/trpc/customers.list?input=%7B%7D'),
      send('/trpc/customers.list?input=%7B%7D'),
    ]);
    for (const answer of answers) expect(answer.id).toMatch(UUID);
    expect(new Set(answers.map((a) => a.id)).size).toBe(answers.length);
  });

  it('keep a well-formed id a proxy sent', async () => {
    for (const id of [
      '3f2a9c1e-0d4b-4c55-9a7e-1b2c3d4e5f60',
      'a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6',
      'Root=1-5759e988+x/y:z_1.2',
    ]) {
      expect((await send('/healthz', { headers: { [REQUEST_ID_HEADER]: id } })).id).toBe(id);
    }
  });

  it('replace an id that is not well formed with a new one', async () => {
    for (const id of [
      '<script>alert(1)</script>',
      'a'.repeat(129),
      'two words',
      '-leading-dash',
      '"quoted"',
    ]) {
      const answer = await send('/healthz', { headers: { [REQUEST_ID_HEADER]: id } });
      expect(answer.id, id).toMatch(UUID);
    }
  });

  it('put the id on every log line of the request, and log an unexpected error with it', async () => {
    // What each database's driver says of the missing table (the message, and a mark of the driver's
    // error in the stack); the JSON body would escape PostgreSQL's quotes, so its leak check uses
    // the words after them.
    const missing =
      world.database.dialect === 'sqlite'
        ? { secret: 'no such table: audit_log', stack: 'SqliteError' }
        : { secret: 'does not exist', stack: 'relation "audit_log" does not exist' };
    await sql`ALTER TABLE audit_log RENAME TO audit_log_gone`.execute(world.database.db);
    try {
      const answer = await createCustomer({ [REQUEST_ID_HEADER]: 'trace-0042-from-proxy' });
      expect(answer.id).toBe('trace-0042-from-proxy');
      const [logged] = expectReferencedFailure(answer, missing.secret);
      expect(logged).toMatchObject({ msg: 'unexpected error', path: 'customers.create' });
      expect(logged?.err?.stack).toContain(missing.stack);
      // Nothing else ran meanwhile, so every line written is this request's.
      expect(
        lines.every((line) => line.reqId === answer.id),
        JSON.stringify(lines),
      ).toBe(true);
      expect(JSON.parse(answer.body)).toMatchObject({
        error: { message: internalMessage('trace-0042-from-proxy'), data: { domainCode: 'INTERNAL' } },
      });
    } finally {
      await sql`ALTER TABLE audit_log_gone RENAME TO audit_log`.execute(world.database.db);
    }
  });

  it('log a failure to build the request context once, with the id', async () => {
    breakContext = true;
    const answer = await send('/trpc/customers.list?input=%7B%7D');
    expect(expectReferencedFailure(answer, 'the session store fell over')).toHaveLength(1);
  });

  it('log what a route throws, at once or later, and answer 500 with the reference', async () => {
    expectReferencedFailure(await send('/boom'), 'a route bug');
    expectReferencedFailure(await send('/later-boom', { method: 'POST' }), 'an async route bug');
  });

  it('leave expected refusals unlogged as errors', async () => {
    const answer = await send('/trpc/customers.get?input=%7B%22id%22%3A1%7D');
    expect(answer.status).toBe(400);
    expect(lines.filter((line) => line.level >= 50)).toEqual([]);
  });
});
