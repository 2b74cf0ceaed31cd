import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnServer, type SpawnedServer } from '../../tests/support/spawn-server';

let dir: string;
let server: SpawnedServer;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tollgate-hosted-'));
  server = await spawnServer({
    entry: 'server/hosted/main.ts',
    env: { TOLLGATE_SERVER_DATA_DIR: dir },
    announce: 'Tollgate server:',
  });
});
afterAll(async () => {
  await server.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('npm run server (the hosted server entry)', () => {
  it('listens on 127.0.0.1 and answers /healthz', async () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const res = await fetch(`${server.url}/healthz`);
    expect(await res.json()).toEqual({ status: 'ok' });
  });

  it('serves the same router on its own database, without demo data', async () => {
    const res = await fetch(`${server.url}/trpc/customers.list?input=${encodeURIComponent('{}')}`, {
      headers: { 'x-tollgate-client': 'web:hosted-test' },
    });
    const body = (await res.json()) as { result: { data: { total: number } } };
    expect(body.result.data.total).toBe(0);
  });

  it('refuses a bad PORT with a message naming it', async () => {
    await expect(
      spawnServer({
        entry: 'server/hosted/main.ts',
        env: { PORT: 'eighty', TOLLGATE_SERVER_DATA_DIR: dir },
        announce: 'Tollgate server:',
      }),
    ).rejects.toThrow(/PORT must be a whole number from 0 to 65535, got "eighty"/);
  });
});
