import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from './connection';
import { migrate } from './migrate';
import { MIGRATIONS } from './migrations';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function tableNames(sqlite: Database.Database): string[] {
  return (
    sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as {
      name: string;
    }[]
  ).map((r) => r.name);
}

describe('migrations', () => {
  it('build the whole schema from an empty database and record each step', () => {
    const sqlite = new Database(':memory:');
    const report = migrate(sqlite, MIGRATIONS, () => 42);
    expect(report).toEqual({
      from: 0,
      to: MIGRATIONS.length,
      applied: MIGRATIONS.map((m) => `${m.version}_${m.name}`),
    });
    expect(tableNames(sqlite)).toEqual(
      expect.arrayContaining([
        'tenants',
        'users',
        'memberships',
        'customers',
        'audit_log',
        'change_log',
        'settings',
      ]),
    );
    const recorded = sqlite
      .prepare('SELECT version, name, applied_at FROM schema_migrations ORDER BY version')
      .all();
    expect(recorded).toEqual(MIGRATIONS.map((m) => ({ version: m.version, name: m.name, applied_at: 42 })));
  });

  it('upgrade from every earlier version to the newest, and a second run changes nothing', () => {
    for (let version = 0; version <= MIGRATIONS.length; version++) {
      const sqlite = new Database(':memory:');
      migrate(sqlite, MIGRATIONS.slice(0, version));
      const report = migrate(sqlite, MIGRATIONS);
      expect(report.from).toBe(version);
      expect(report.applied).toHaveLength(MIGRATIONS.length - version);
      expect(migrate(sqlite, MIGRATIONS).applied).toEqual([]);
    }
  });

  it('refuse a database newer than the code', () => {
    const sqlite = new Database(':memory:');
    migrate(sqlite, MIGRATIONS);
    sqlite.prepare('INSERT INTO schema_migrations VALUES (?, ?, ?)').run(MIGRATIONS.length + 1, 'future', 0);
    expect(() => migrate(sqlite, MIGRATIONS)).toThrow(/newer than this build knows/);
  });

  it('roll back a failing step entirely and leave earlier steps recorded', () => {
    const sqlite = new Database(':memory:');
    const broken = [
      ...MIGRATIONS,
      {
        version: MIGRATIONS.length + 1,
        name: 'broken',
        sql: 'CREATE TABLE half (x); SELECT nope FROM nowhere;',
        postgres: 'CREATE TABLE half (x BIGINT); SELECT nope FROM nowhere;',
      },
    ];
    expect(() => migrate(sqlite, broken)).toThrow();
    expect(tableNames(sqlite)).not.toContain('half');
    const max = sqlite.prepare('SELECT max(version) AS v FROM schema_migrations').get() as { v: number };
    expect(max.v).toBe(MIGRATIONS.length);
  });

  it('open a file database in WAL mode with foreign keys enforced', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tollgate-db-'));
    dirs.push(dir);
    const handle = openDatabase({ path: join(dir, 'tollgate.sqlite') });
    expect(handle.sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(handle.sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(handle.sqlite.pragma('busy_timeout', { simple: true })).toBe(5000);
    expect(() =>
      handle.sqlite
        .prepare("INSERT INTO memberships VALUES ('mem_1', 'usr_missing', NULL, 'owner', 0)")
        .run(),
    ).toThrow(/FOREIGN KEY/);
    await handle.close();
  });
});
