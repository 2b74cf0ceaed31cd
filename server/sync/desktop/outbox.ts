import type Database from 'better-sqlite3';
import {
  hasSecretInput,
  inputWithoutSecrets,
  maskSecretShapes,
  storableResult,
  withheldOf,
  type SecretPaths,
} from '../../trpc/secrets';
import type { MutationOutcome, PushedMutation } from '../push';

/** Why a command that carried a secret was not sent: the secret lived in memory only. */
export const SECRET_LOST_MESSAGE =
  'This command carried a secret, which this desktop keeps in memory only, and the app restarted (or reconnected) before it was sent: enter it again';

/** A command as the Connect page shows it: waiting, or what the server made of it. */
export interface OutboxEntry {
  id: number;
  tenantId: string;
  path: string;
  status: 'pending' | 'ok' | 'error';
  errorCode: string | null;
  errorMessage: string | null;
  /** For a command done whose secret (a key, a code) was shown once and is not kept here. */
  withheld: string | null;
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
    withheld: row.result === null ? null : (withheldOf(JSON.parse(row.result))?.message ?? null),
    createdAt: row.created_at,
    settledAt: row.settled_at,
  };
}

/**
 * Commands made while connected, kept in the replica's database until the server answers:
 * they survive a restart, and their ids (increasing, never reused) are the mutation ids the
 * server uses to apply each exactly once. Secrets a command's procedure declares never reach
 * the file: a secret input waits in memory until sent, and a result's secret (a new API key)
 * is held in memory until the console takes it, once.
 */
export class Outbox {
  private readonly secretInputs = new Map<number, unknown>();
  private readonly secretResults = new Map<number, unknown>();
  /** Commands whose caller (the console, in this run of the app) still waits for the answer. */
  private readonly awaited = new Set<number>();

  constructor(
    private readonly sqlite: Database.Database,
    /** The secrets each command's procedure declares (commandSecrets, over the app's procedures). */
    private readonly secretsOf: (path: string) => SecretPaths,
  ) {}

  add(command: { tenantId: string; path: string; input: unknown }, now: number): number {
    const secrets = this.secretsOf(command.path);
    const kept = inputWithoutSecrets(command.input, secrets);
    const info = this.sqlite
      .prepare(
        `INSERT INTO sync_outbox (tenant_id, path, input, status, created_at) VALUES (?, ?, ?, 'pending', ?)`,
      )
      .run(command.tenantId, command.path, kept === undefined ? null : JSON.stringify(kept), now);
    const id = Number(info.lastInsertRowid);
    if (hasSecretInput(secrets)) this.secretInputs.set(id, command.input);
    this.awaited.add(id);
    return id;
  }

  /**
   * The oldest pending commands, in order, as a push carries them. A command whose secret
   * input is no longer in memory (the app restarted) is failed here, with why, not sent.
   */
  pending(limit: number, now: number): PushedMutation[] {
    const rows = this.sqlite
      .prepare(`SELECT * FROM sync_outbox WHERE status = 'pending' ORDER BY id LIMIT ?`)
      .all(limit) as OutboxRow[];
    const lost = rows.filter(
      (row) => hasSecretInput(this.secretsOf(row.path)) && !this.secretInputs.has(row.id),
    );
    if (lost.length > 0) {
      this.settle(
        lost.map((row) => ({
          id: row.id,
          status: 'error',
          code: 'INVALID_STATE',
          message: SECRET_LOST_MESSAGE,
        })),
        now,
      );
      return this.pending(limit, now);
    }
    return rows.map((row) => ({
      id: row.id,
      tenantId: row.tenant_id,
      path: row.path,
      ...(this.secretInputs.has(row.id)
        ? { input: this.secretInputs.get(row.id) }
        : row.input === null
          ? {}
          : { input: JSON.parse(row.input) as unknown }),
    }));
  }

  /** Records the server's answers, each command settled once, keeping no secret on disk. */
  settle(outcomes: readonly MutationOutcome[], now: number): void {
    const update = this.sqlite.prepare(
      `UPDATE sync_outbox SET status = ?, result = ?, error_code = ?, error_message = ?, settled_at = ?
       WHERE id = ? AND status = 'pending'`,
    );
    const pathOf = this.sqlite.prepare(`SELECT path FROM sync_outbox WHERE id = ? AND status = 'pending'`);
    this.sqlite.transaction(() => {
      for (const o of outcomes) {
        const row = pathOf.get(o.id) as { path: string } | undefined;
        if (!row) continue;
        this.secretInputs.delete(o.id);
        if (o.status === 'error') {
          update.run('error', null, o.code, maskSecretShapes(o.message), now, o.id);
          continue;
        }
        const kept = storableResult(o.result, this.secretsOf(row.path));
        // A secret goes to the caller still waiting for it, or to nobody (it is never kept).
        if (this.awaited.has(o.id) && kept !== JSON.stringify(o.result ?? null)) {
          this.secretResults.set(o.id, o.result);
        }
        update.run('ok', kept, null, null, now, o.id);
      }
    })();
  }

  /**
   * What the server answered for one command, or null while it waits, for the one caller
   * waiting on it: a secret the answer carried is handed out here once, then forgotten; one
   * that arrives after the caller gave up (or after a restart) is never held.
   */
  take(id: number): MutationOutcome | null {
    this.awaited.delete(id);
    if (this.secretResults.has(id)) {
      const result = this.secretResults.get(id);
      this.secretResults.delete(id);
      return { id, status: 'ok', result };
    }
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
