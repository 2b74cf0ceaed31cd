import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runHousekeeping } from '../ops/housekeeping';
import { openDatabase, type AppDatabase } from './connection';

let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

function settingsRowsInStatistics(path: string): number {
  const raw = new Database(path, { readonly: true });
  try {
    const row = raw.prepare(`SELECT stat FROM sqlite_stat1 WHERE tbl = 'settings'`).get() as
      { stat: string } | undefined;
    return row ? Number(row.stat.split(' ')[0]) : 0;
  } finally {
    raw.close();
  }
}

describe('SQLite planner statistics', () => {
  function growSettings(handle: AppDatabase, path: string): number {
    const insert = handle.sqlite.prepare('INSERT INTO settings (key, value) VALUES (?, ?)');
    for (let i = 0; i < 10; i++) insert.run(`small-${i}`, 'x');
    handle.sqlite.exec('ANALYZE');
    const analyzedSmall = settingsRowsInStatistics(path);
    handle.sqlite.transaction(() => {
      for (let i = 0; i < 5_000; i++) insert.run(`grown-${i}`, 'x');
    })();
    return analyzedSmall;
  }

  it('are refreshed when a database that grew is closed, so the planner never works from a small table’s figures', async () => {
    dir = mkdtempSync(join(tmpdir(), 'tollgate-stat-'));
    const path = join(dir, 'tollgate.sqlite');
    const handle = openDatabase({ path });
    const analyzedSmall = growSettings(handle, path);
    await handle.close();

    expect(analyzedSmall).toBeLessThan(100);
    expect(settingsRowsInStatistics(path)).toBeGreaterThanOrEqual(5_000);
  });

  it('are refreshed by the daily housekeeping while the server stays up', async () => {
    dir = mkdtempSync(join(tmpdir(), 'tollgate-stat-'));
    const path = join(dir, 'tollgate.sqlite');
    const handle = openDatabase({ path });
    try {
      const analyzedSmall = growSettings(handle, path);
      await runHousekeeping(handle.db, Date.UTC(2026, 11, 7));

      expect(analyzedSmall).toBeLessThan(100);
      expect(settingsRowsInStatistics(path)).toBeGreaterThanOrEqual(5_000);
    } finally {
      await handle.close();
    }
  });
});
