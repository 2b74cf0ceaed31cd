import type Database from 'better-sqlite3';
import type { MutationOutcome, PushedMutation } from '../push';

/** A command as the Connect page shows it: waiting, or what the server made of it. */
export interface OutboxEntry {
  id: number;
  tenantId: string;
  path: string;
  status: 'pending' | 'ok' | 'error';
  errorCode: string | null;
  errorMessage: string | null;
  createdAt: number;
  settledAt: number | null;
}

interface OutboxRow {
  id: number;
  tenant_id: string;
  path: string;
  input: string | null;
  status: OutboxEntry['status'];
  result: string | null;
  error_code: string | null;
  error_message: string | null;
  created_at: number;
  settled_at: number | null;
}

function entryOf(row: OutboxRow): OutboxEntry {
  return {
    id: row.id,
    tenantId: row.tenant_id,
    path: row.path,
    status: row.status,
    errorCode: row.error_code,
    errorMessage: row.error_message,
    createdAt: row.created_at,
    settledAt: row.settled_at,
  };
}

/**
 * Commands made while connected, kept in the replica's database until the server answers:
 * they survive a restart, and their ids (increasing, never reused) are the mutation ids the
 * server uses to apply each exactly once.
 */
export class Outbox {
  constructor(private readonly sqlite: Database.Database) {}

  add(command: { tenantId: string; path: string; input: unknown }, now: number): number {
    const info = this.sqlite
      .prepare(
        `INSERT INTO sync_outbox (tenant_id, path, input, status, created_at) VALUES (?, ?, ?, 'pending', ?)`,
      )
      .run(
        command.tenantId,
        command.path,
        command.input === undefined ? null : JSON.stringify(command.input),
        now,
      );
    return Number(info.lastInsertRowid);
  }

  /** The oldest pending commands, in order, as a push carries them. */
  pending(limit: number): PushedMutation[] {
    const rows = this.sqlite
      .prepare(`SELECT * FROM sync_outbox WHERE status = 'pending' ORDER BY id LIMIT ?`)
      .all(limit) as OutboxRow[];
    return rows.map((row) => ({
      id: row.id,
      tenantId: row.tenant_id,
      path: row.path,
      ...(row.input === null ? {} : { input: JSON.parse(row.input) as unknown }),
    }));
  }

  /** Records the server's answers; each command is settled once. */
  settle(outcomes: readonly MutationOutcome[], now: number): void {
    const update = this.sqlite.prepare(
      `UPDATE sync_outbox SET status = ?, result = ?, error_code = ?, error_message = ?, settled_at = ?
       WHERE id = ? AND status = 'pending'`,
    );
    this.sqlite.transaction(() => {
      for (const o of outcomes) {
        if (o.status === 'ok') update.run('ok', JSON.stringify(o.result ?? null), null, null, now, o.id);
        else update.run('error', null, o.code, o.message, now, o.id);
      }
    })();
  }

  /** What the server answered for one command, or null while it waits. */
  outcome(id: number): MutationOutcome | null {
    const row = this.sqlite.prepare('SELECT * FROM sync_outbox WHERE id = ?').get(id) as
      OutboxRow | undefined;
    if (!row || row.status === 'pending') return null;
    return row.status === 'ok'
      ? { id, status: 'ok', result: row.result === null ? null : (JSON.parse(row.result) as unknown) }
      : {
          id,
          status: 'error',
          code: (row.error_code ?? 'INTERNAL') as never,
          message: row.error_message ?? '',
        };
  }

  countPending(): number {
    return (
      this.sqlite.prepare(`SELECT count(*) AS n FROM sync_outbox WHERE status = 'pending'`).get() as {
        n: number;
      }
    ).n;
  }

  /** Pending commands first, then the latest answered ones. */
  list(limit: number): OutboxEntry[] {
    const rows = this.sqlite
      .prepare(
        `SELECT * FROM sync_outbox ORDER BY status = 'pending' DESC, CASE WHEN status = 'pending' THEN id ELSE -id END LIMIT ?`,
      )
      .all(limit) as OutboxRow[];
    return rows.map(entryOf);
  }
}
