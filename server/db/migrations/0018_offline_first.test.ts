import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../migrate';
import { MIGRATIONS } from './index';
import { offlineFirst } from './0018_offline_first';

describe('migration offline_first', () => {
  it('keeps every outbox command and its id sequence, so a mutation id is never reused', () => {
    const sqlite = new Database(':memory:');
    migrate(sqlite, MIGRATIONS.slice(0, MIGRATIONS.indexOf(offlineFirst)));
    const add = sqlite.prepare(
      `INSERT INTO sync_outbox (tenant_id, path, input, status, error_code, error_message, created_at)
       VALUES ('ten_1', ?, '{}', ?, ?, ?, 5)`,
    );
    add.run('customers.create', 'ok', null, null);
    add.run('customers.update', 'error', 'CONFLICT', 'Changed meanwhile');
    add.run('customers.archive', 'pending', null, null);
    add.run('customers.archive', 'ok', null, null);
    // The newest was answered and then dropped: its id stays used.
    sqlite.prepare('DELETE FROM sync_outbox WHERE id = 4').run();
    migrate(sqlite, MIGRATIONS);

    expect(
      sqlite.prepare('SELECT id, path, label, status, acknowledged, awaiting_pull FROM sync_outbox').all(),
    ).toEqual([
      {
        id: 1,
        path: 'customers.create',
        label: 'customers.create',
        status: 'ok',
        acknowledged: 0,
        awaiting_pull: 0,
      },
      {
        id: 2,
        path: 'customers.update',
        label: 'customers.update',
        status: 'error',
        acknowledged: 1,
        awaiting_pull: 0,
      },
      {
        id: 3,
        path: 'customers.archive',
        label: 'customers.archive',
        status: 'pending',
        acknowledged: 0,
        awaiting_pull: 0,
      },
    ]);
    const next = sqlite
      .prepare(
        `INSERT INTO sync_outbox (tenant_id, path, label, status, created_at) VALUES ('ten_1', 'x.y', 'x', 'cancelled', 6)`,
      )
      .run();
    expect(Number(next.lastInsertRowid)).toBe(5);
    sqlite.prepare(`UPDATE sync_outbox SET command_key = 'key-0000001' WHERE id = 1`).run();
    expect(() =>
      sqlite.prepare(`UPDATE sync_outbox SET command_key = 'key-0000001' WHERE id = 3`).run(),
    ).toThrow(/UNIQUE/);
  });
});
