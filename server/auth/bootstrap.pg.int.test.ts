import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openPostgres, type AppDatabase } from '../db/connection';
import { silentLogger } from '../lib/logger';
import { testServerPostgres } from '../testing/test-database.test-kit';
import { bootstrapOwner } from './bootstrap';

const opened: AppDatabase[] = [];
afterEach(async () => {
  for (const database of opened.splice(0)) await database.close();
});

describe('two instances starting on one PostgreSQL database', () => {
  it('make the platform owner and the first workspace once', async () => {
    const location = await testServerPostgres(mkdtempSync(join(tmpdir(), 'tollgate-bootstrap-')));
    if (!location) throw new Error('this test runs on the PostgreSQL project only');
    const [first, second] = await Promise.all([openPostgres(location), openPostgres(location)]);
    const instances = [first, second];
    opened.push(...instances);
    const owner = {
      email: 'ada@example.com',
      password: 'correct horse battery staple 42',
      now: Date.UTC(2026, 0, 1),
      scrypt: { logN: 10, r: 8, p: 1 },
      logger: silentLogger,
    };

    const outcomes = await Promise.all(instances.map((instance) => bootstrapOwner(instance.db, owner)));

    expect(outcomes.map((o) => o.created).sort()).toEqual([false, true]);
    const { db } = first;
    expect(await db.selectFrom('users').select('email').execute()).toEqual([{ email: 'ada@example.com' }]);
    expect(await db.selectFrom('tenants').select('slug').execute()).toEqual([{ slug: 'workspace' }]);
    const memberships = await db.selectFrom('memberships').select('role').execute();
    expect(memberships).toEqual([{ role: 'owner' }]);
  });
});
