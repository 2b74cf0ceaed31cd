import Database from 'better-sqlite3';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  AUTOMATIC_CHECKPOINT_PAGES,
  BACKSTOP_CHECKPOINT_PAGES,
  startCheckpointer,
  type Checkpointer,
} from './checkpoint';
import { openDatabase, type AppDatabase } from './connection';

const BODY = 'x'.repeat(2500);
const MB = 1024 * 1024;
const dirs: string[] = [];
const opened: AppDatabase[] = [];

afterEach(async () => {
  for (const database of opened.splice(0)) if (database.sqlite.open) await database.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function databasePath(): string {
  const dir = mkdtempSync(join(tmpdir(), 'tollgate-checkpoint-'));
  dirs.push(dir);
  return join(dir, 'tollgate.sqlite');
}

async function openWithWorker(warn = vi.fn()) {
  const path = databasePath();
  const database = openDatabase({ path, warn });
  opened.push(database);
  const checkpointer = database.checkpointer as Checkpointer;
  await vi.waitFor(() => expect(checkpointer.state).toBe('running'));
  database.sqlite.exec('CREATE TABLE filler (id INTEGER PRIMARY KEY, body TEXT NOT NULL)');
  return { path, database, checkpointer, warn };
}

function autocheckpointPages(sqlite: Database.Database): number {
  return sqlite.pragma('wal_autocheckpoint', { simple: true }) as number;
}

/** Inserts `rows` rows one commit each (as the webhook endpoint does); the WAL file's size after. */
function writeBurst(sqlite: Database.Database, rows: number, walPath: string): number {
  const insert = sqlite.prepare('INSERT INTO filler (body) VALUES (?)');
  for (let i = 0; i < rows; i++) insert.run(BODY);
  return statSync(walPath).size;
}

describe('WAL checkpoints in a worker thread', () => {
  it('keep the WAL bounded across many commits, the main connection never checkpointing, and lose nothing', async () => {
    const { path, database, checkpointer } = await openWithWorker();
    // The main connection checkpoints only as a backstop, far above SQLite's 1,000 pages.
    expect(autocheckpointPages(database.sqlite)).toBe(BACKSTOP_CHECKPOINT_PAGES);

    // 12 bursts of 1,000 commits (~9 MB of WAL each, ~110 MB in all) with pauses, like traffic.
    let largestWal = 0;
    for (let burst = 0; burst < 12; burst++) {
      largestWal = Math.max(largestWal, writeBurst(database.sqlite, 1000, `${path}-wal`));
      await sleep(300);
    }

    // Far below both the total written and the backstop (64 MB): the worker reset it.
    expect(largestWal).toBeLessThan(32 * MB);
    expect(checkpointer.state).toBe('running');
    expect(database.sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
    await database.close();

    const reopened = new Database(path, { readonly: true });
    const row = reopened.prepare('SELECT count(*) AS n, sum(length(body)) AS bytes FROM filler').get();
    reopened.close();
    expect(row).toEqual({ n: 12_000, bytes: 12_000 * BODY.length });
  });

  it('hand checkpoints back to the main connection, with one warning, when the worker dies', async () => {
    const { path, database, checkpointer, warn } = await openWithWorker();

    await checkpointer.worker.terminate();

    expect(checkpointer.state).toBe('fallback');
    expect(autocheckpointPages(database.sqlite)).toBe(AUTOMATIC_CHECKPOINT_PAGES);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn.mock.calls[0]?.[0]).toMatch(/back on the main thread/);
    // 5,000 commits with no pause: SQLite's own checkpoint keeps the WAL near 1,000 pages.
    const wal = writeBurst(database.sqlite, 5000, `${path}-wal`);
    expect(wal).toBeLessThan(8 * MB);
    await database.close();
    expect(warn).toHaveBeenCalledTimes(1);
  });

  it('fall back at once when the worker cannot start', async () => {
    const path = databasePath();
    const sqlite = new Database(path);
    sqlite.pragma('journal_mode = WAL');
    const warn = vi.fn();
    const checkpointer = startCheckpointer(sqlite, {
      path,
      nativeBinding: join(path, '..', 'missing.node'),
      warn,
    });

    await vi.waitFor(() => expect(checkpointer.state).toBe('fallback'));

    expect(autocheckpointPages(sqlite)).toBe(AUTOMATIC_CHECKPOINT_PAGES);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn.mock.calls[0]?.[0]).toMatch(/missing\.node/);
    sqlite.close();
  });

  it('stop with close(), which checkpoints the WAL away', async () => {
    const { path, database, checkpointer } = await openWithWorker();
    writeBurst(database.sqlite, 500, `${path}-wal`);
    let exited = false;
    checkpointer.worker.once('exit', () => {
      exited = true;
    });

    await database.close();

    expect(exited).toBe(true);
    expect(checkpointer.state).toBe('stopped');
    expect(database.sqlite.open).toBe(false);
    expect(existsSync(`${path}-wal`)).toBe(false);
  });

  it('are not started for an in-memory database, which has no WAL', async () => {
    const database = openDatabase({ path: ':memory:' });
    expect(database.checkpointer).toBeNull();
    await database.close();
  });
});
