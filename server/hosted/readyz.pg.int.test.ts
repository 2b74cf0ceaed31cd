import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { spawnServer, type SpawnedServer } from '../../tests/support/spawn-server';
import { waitFor } from '../../tests/support/wait';
import { MIGRATION_LOCK } from '../db/migrate-postgres';
import { testServerPostgres } from '../testing/test-database.test-kit';

/**
 * An instance starting while another migrates the shared PostgreSQL database (here: the test
 * holds the migration lock) listens at once and says it is not ready, then ready once it has
 * the lock and finds the schema current.
 */

const dir = mkdtempSync(join(tmpdir(), 'tollgate-readyz-'));
let server: SpawnedServer | undefined;
afterAll(async () => {
  await server?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('/readyz before migrations finish', () => {
  it('answers 503 while the migration lock is held elsewhere, 200 once migrated', async () => {
    const location = await testServerPostgres(dir);
    if (!location) throw new Error('this test runs on the PostgreSQL project only');
    const other = new pg.Client({ connectionString: location.url });
    await other.connect();
    try {
      await other.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
      server = await spawnServer({
        entry: 'server/hosted/main.ts',
        announce: 'Tollgate server starting:',
        env: {
          TOLLGATE_SERVER_DATA_DIR: join(dir, 'data'),
          DATABASE_URL: location.url,
          TOLLGATE_TOKEN_SECRET: Buffer.alloc(32, 5).toString('base64'),
          TOLLGATE_OWNER_EMAIL: 'owner@readyz.test',
          TOLLGATE_OWNER_PASSWORD: 'a long private phrase for tests',
        },
      });
      const starting = await fetch(`${server.url}/readyz`);
      expect(starting.status).toBe(503);
      expect(await starting.json()).toEqual({
        status: 'unavailable',
        reason: 'starting: opening and migrating the database',
      });
      const call = await fetch(`${server.url}/trpc/auth.me`, { headers: { 'x-tollgate-client': 'web:t' } });
      expect(call.status).toBe(503);
      expect(call.headers.get('retry-after')).toBe('5');
      await other.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]);
      const url = server.url;
      await waitFor('/readyz to answer 200', async () => (await fetch(`${url}/readyz`)).status === 200);
    } finally {
      await other.end();
    }
  });
});
