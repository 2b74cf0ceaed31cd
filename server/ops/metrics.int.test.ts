import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveBackend } from '../http/run';
import { createHostedBackend } from '../hosted/backend';
import { callHosted, TEST_OWNER, TEST_SCRYPT } from '../hosted/hosted.test-kit';
import { ManualClock } from '../lib/clock';
import { silentLogger } from '../lib/logger';
import { testServerPostgres } from '../testing/test-database.test-kit';

/**
 * /metrics on a served hosted backend: refused without its bearer token, absent without a
 * configured one, and its request figures move as calls are answered and fail (tRPC and REST,
 * sync pulls and pushes).
 */

const TOKEN = `metrics-${Buffer.alloc(24, 7).toString('hex')}`;
let dir: string;
let served: { url: string; stop(): Promise<void> };

async function serve(name: string, metricsToken: string | null) {
  const postgres = await (testServerPostgres(join(dir, name)) ?? null);
  return serveBackend({
    backend: () =>
      createHostedBackend({
        config: {
          dataDir: join(dir, name),
          postgres,
          tokenKey: { secret: new TextEncoder().encode('test-only token secret, 32 bytes+') },
          owner: TEST_OWNER,
          gateway: {},
          smtp: null,
        },
        logger: silentLogger,
        clock: new ManualClock(Date.UTC(2026, 0, 15)),
        scrypt: TEST_SCRYPT,
      }),
    port: 0,
    anyHost: true,
    clientKind: 'hosted',
    logger: silentLogger,
    rest: {},
    metricsToken,
  });
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tollgate-metrics-'));
  served = await serve('main', TOKEN);
});
afterAll(async () => {
  await served?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const scrape = (authorization?: string) =>
  fetch(`${served.url}/metrics`, { headers: authorization ? { authorization } : {} });

/** The value of one sample line of the exposition text (0 when absent). */
async function sample(name: string, labels: Record<string, string> = {}): Promise<number> {
  const text = await (await scrape(`Bearer ${TOKEN}`)).text();
  const wanted = Object.entries(labels).map(([k, v]) => `${k}="${v}"`);
  const line = text
    .split('\n')
    .find(
      (l) => (l.startsWith(`${name}{`) || l.startsWith(`${name} `)) && wanted.every((w) => l.includes(w)),
    );
  return line ? Number(line.slice(line.lastIndexOf(' ') + 1)) : 0;
}

describe('/metrics', () => {
  it('refuses a request without the token, or with a wrong one', async () => {
    const missing = await scrape();
    expect(missing.status).toBe(401);
    expect(missing.headers.get('www-authenticate')).toContain('Bearer');
    expect((await scrape(`Bearer ${TOKEN}x`)).status).toBe(401);
    expect((await scrape(`Basic ${TOKEN}`)).status).toBe(401);
    const ok = await scrape(`Bearer ${TOKEN}`);
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-type')).toContain('text/plain');
    expect(await ok.text()).toContain('# TYPE tollgate_jobs_due gauge');
  });

  it('does not exist on a server without a configured token', async () => {
    const bare = await serve('bare', null);
    try {
      expect((await fetch(`${bare.url}/metrics`)).status).toBe(404);
      expect((await fetch(`${bare.url}/metrics`, { headers: { authorization: 'Bearer x' } })).status).toBe(
        404,
      );
    } finally {
      await bare.stop();
    }
  });

  it('counts a failed procedure by its code, and times it', async () => {
    const labels = { transport: 'trpc', procedure: 'customers.list', code: 'UNAUTHORIZED' };
    const before = await sample('tollgate_request_errors_total', labels);
    const timed = { transport: 'trpc', procedure: 'customers.list' };
    const timedBefore = await sample('tollgate_request_duration_seconds_count', timed);
    expect((await callHosted(served.url, 'query', 'customers.list', {})).status).toBe(401);
    expect(await sample('tollgate_request_errors_total', labels)).toBe(before + 1);
    expect(await sample('tollgate_request_duration_seconds_count', timed)).toBe(timedBefore + 1);
  });

  it('counts sync pulls and pushes', async () => {
    const pulls = await sample('tollgate_sync_pulls_total');
    const pushes = await sample('tollgate_sync_pushes_total');
    await callHosted(served.url, 'query', 'sync.pull', {});
    expect(await sample('tollgate_sync_pulls_total')).toBe(pulls + 1);
    await callHosted(served.url, 'mutation', 'sync.push', {});
    expect(await sample('tollgate_sync_pushes_total')).toBe(pushes + 1);
  });

  it('labels REST calls by operation, and a path nobody routes as "unknown"', async () => {
    const rest = { transport: 'rest', procedure: 'GET /customers', code: '401' };
    const before = await sample('tollgate_request_errors_total', rest);
    expect((await fetch(`${served.url}/api/v1/customers`)).status).toBe(401);
    expect(await sample('tollgate_request_errors_total', rest)).toBe(before + 1);
    await callHosted(served.url, 'query', 'no.such.procedure_9f3', {});
    const text = await (await scrape(`Bearer ${TOKEN}`)).text();
    expect(text).not.toContain('no.such.procedure_9f3');
    expect(text).toContain('procedure="unknown"');
  });
});
