import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INTERNAL_MESSAGE } from '../trpc/errors';
import { proceduresOf } from '../trpc/procedures';
import { appRouter } from '../app/router';
import { startTestHostedServer, TEST_OWNER, type TestHostedServer } from '../hosted/hosted.test-kit';
import { systemClock } from '../lib/clock';
import { PROTOTYPE_KEYS, withOwnKey } from '../testing/prototype-keys.test-kit';
import { inputAt, objectPaths, type LeafPath } from '../testing/schema-leaves.test-kit';

/**
 * The same keys as server/app/prototype-keys.int.test.ts, as an attacker sends them: the
 * literal text `"__proto__"` in a JSON body or query, to every procedure of a hosted server,
 * signed in and not, in single and batched calls, and as procedure names. Every answer is
 * below 500 and says what was wrong.
 */

const procedures = proceduresOf(appRouter);

let dir: string;
let hosted: TestHostedServer;
let token: string;
let tenantId: string;

interface Answer {
  status: number;
  text: string;
  message: string;
}

async function send(
  path: string,
  body: string,
  options: { query?: boolean; token?: string; batch?: boolean } = {},
): Promise<Answer> {
  const headers: Record<string, string> = { 'x-tollgate-client': 'web:proto-keys' };
  if (options.token) {
    headers.authorization = `Bearer ${options.token}`;
    headers['x-tollgate-tenant'] = tenantId;
  }
  const batch = options.batch ? 'batch=1&' : '';
  const response = options.query
    ? await fetch(`${hosted.url}/trpc/${path}?${batch}input=${encodeURIComponent(body)}`, { headers })
    : await fetch(`${hosted.url}/trpc/${path}${batch ? '?batch=1' : ''}`, {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/json' },
        body,
      });
  const text = await response.text();
  const parsed = JSON.parse(text) as unknown;
  const errors = (Array.isArray(parsed) ? parsed : [parsed]) as { error?: { message?: string } }[];
  return {
    status: response.status,
    text,
    message: errors.map((e) => e.error?.message ?? '').join(' | '),
  };
}

function expectClear(answer: Answer, what: string, key?: string): void {
  expect(answer.status, `${what}: ${answer.text.slice(0, 300)}`).toBeLessThan(500);
  expect(answer.text, what).not.toContain(INTERNAL_MESSAGE);
  // A 400 about the input names the key it would not take.
  if (key && answer.status === 400) expect(answer.message, what).toContain(key);
}

function placesOf(path: string): LeafPath[] {
  const inputs = (procedures[path]?._def as { inputs?: unknown[] }).inputs ?? [];
  const found = inputs.flatMap((schema) => objectPaths(schema));
  return found.length > 0 ? found : [[]];
}

/** Whether the input is one object (not a union, where a missing field that decides the shape comes first). */
function takesObject(path: string): boolean {
  const inputs = (procedures[path]?._def as { inputs?: unknown[] }).inputs ?? [];
  return inputs.some(
    (schema) => (schema as { _zod?: { def?: { type?: string } } })._zod?.def?.type === 'object',
  );
}

const isQuery = (path: string) => procedures[path]?._def.type === 'query';
// Signing out would end the walk's own session; it takes no input, and is walked signed out.
const signedInWalk = Object.keys(procedures).filter((path) => path !== 'auth.logout');

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tollgate-proto-'));
  hosted = await startTestHostedServer({ dir, clock: systemClock });
  const tenant = await hosted.backend.database.db
    .selectFrom('tenants')
    .select('id')
    .executeTakeFirstOrThrow();
  tenantId = tenant.id;
  const login = await send('auth.login', JSON.stringify(TEST_OWNER));
  token = (JSON.parse(login.text) as { result: { data: { accessToken: string } } }).result.data.accessToken;
}, 60_000);
afterAll(async () => {
  await hosted.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('JSON with keys named like Object.prototype members, over HTTP', () => {
  it('auth.login, signed out: each key at the top level is named in a 400', async () => {
    for (const key of PROTOTYPE_KEYS) {
      const body = `{"email":"a@b.example","password":"pw","${key}":{"polluted":true}}`;
      const answer = await send('auth.login', body);
      expectClear(answer, key, key);
      // 429 if sign-in throttling counts malformed attempts too; either way, not a 500.
      expect([400, 429], key).toContain(answer.status);
    }
  });

  it('every procedure, signed out: below 500', async () => {
    for (const path of Object.keys(procedures)) {
      // The keys of one procedure at once: ~1,400 calls.
      await Promise.all(
        PROTOTYPE_KEYS.map(async (key) => {
          const answer = await send(path, `{"${key}":{"polluted":true}}`, { query: isQuery(path) });
          expectClear(answer, `${path} ${key}`, key);
        }),
      );
    }
  }, 300_000);

  it('every procedure, signed in, at every place an input takes an object: below 500, the key named', async () => {
    for (const path of signedInWalk) {
      for (const place of placesOf(path)) {
        await Promise.all(
          PROTOTYPE_KEYS.map(async (key) => {
            const body = JSON.stringify(inputAt(place, withOwnKey(key, { polluted: true })));
            expect(body).toContain(`"${key}"`);
            const answer = await send(path, body, { query: isQuery(path), token });
            // Only the input's own top-level key is sure to be named: deeper, a missing field may come first.
            const named = place.length === 0 && takesObject(path) ? key : undefined;
            expectClear(answer, `${path} ${[...place, key].join('.')}`, named);
          }),
        );
      }
    }
  }, 300_000);

  it('a batch whose map of inputs has such keys', async () => {
    for (const key of PROTOTYPE_KEYS) {
      const body = `{"0":{"email":"a@b.example","password":"pw"},"${key}":{"polluted":true}}`;
      expectClear(await send('auth.login,auth.login', body, { batch: true }), `batch ${key}`);
      const queries = `{"0":{"limit":5},"${key}":{"limit":5}}`;
      const answer = await send('customers.list,customers.list', queries, {
        batch: true,
        query: true,
        token,
      });
      expectClear(answer, `query batch ${key}`);
    }
  });

  it('such keys as procedure names', async () => {
    for (const key of PROTOTYPE_KEYS) {
      for (const path of [key, `auth.${key}`, `customers.${key}`]) {
        expectClear(await send(path, '{}'), `POST ${path}`);
        expectClear(await send(path, '{}', { query: true, token }), `GET ${path}`);
      }
    }
  });

  it('left Object.prototype as it was', () => {
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
