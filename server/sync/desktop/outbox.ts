import type Database from 'better-sqlite3';
import {
  hasSecretInput,
  inputWithoutSecrets,
  maskSecretShapes,
  storableResult,
  type SecretPaths,
} from '../../trpc/secrets';
import { DomainError } from '../../lib/errors';
import type { MutationOutcome, PushedMutation } from '../push';
import type { FieldConflict } from '../../../shared/errors';
import type { CommandDescription } from './optimistic/types';
import {
  entryOf,
  type OutboxEntry,
  type OutboxRow,
  type OutboxStatus,
  type ReplayedCommand,
} from './outbox-entry';

import { followCreate, followInMemory, followSettled, sendable } from './optimistic/provisional-owner';

/** Why a command that carried a secret was not sent: the secret lived in memory only. */
export const SECRET_LOST_MESSAGE =
  'This command carried a secret, which this desktop keeps in memory only, and the app restarted (or reconnected) before it was sent: enter it again';

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
  /** Commands in the push under way: the server may be applying them, so they cannot be cancelled. */
  private readonly inFlight = new Set<number>();

  constructor(
    private readonly sqlite: Database.Database,
    /** The secrets each command's procedure declares (commandSecrets, over the app's procedures). */
    private readonly secretsOf: (path: string) => SecretPaths,
  ) {}

  /**
   * Queues a command, named by `path` until `describe` names it. A key already in the outbox
   * is refused by the UNIQUE index: callers look it up first (`byKey`), in the same transaction.
   */
  add(
    command: { tenantId: string; path: string; input: unknown; commandKey?: string | null },
    now: number,
  ): number {
    const secrets = this.secretsOf(command.path);
    const kept = inputWithoutSecrets(command.input, secrets);
    const info = this.sqlite
      .prepare(
        `INSERT INTO sync_outbox (tenant_id, path, input, command_key, label, status, created_at)
         VALUES (?, ?, ?, ?, ?, 'pending', ?)`,
      )
      .run(
        command.tenantId,
        command.path,
        kept === undefined ? null : JSON.stringify(kept),
        command.commandKey ?? null,
        command.path,
        now,
      );
    const id = Number(info.lastInsertRowid);
    if (hasSecretInput(secrets)) this.secretInputs.set(id, command.input);
    this.awaited.add(id);
    return id;
  }

  /** Names a queued command and keeps the answer the console got for it while it waits. */
  describe(id: number, description: CommandDescription, provisional: unknown): void {
    this.sqlite
      .prepare(
        'UPDATE sync_outbox SET label = ?, record_table = ?, record_key = ?, provisional = ? WHERE id = ?',
      )
      .run(
        description.label,
        description.record?.table ?? null,
        description.record?.key ?? null,
        provisional === undefined ? null : JSON.stringify(provisional),
        id,
      );
  }

  /** The command a console's key already queued, if any. */
  byKey(commandKey: string): { id: number; path: string; status: OutboxStatus } | null {
    const row = this.sqlite
      .prepare('SELECT id, path, status FROM sync_outbox WHERE command_key = ?')
      .get(commandKey) as { id: number; path: string; status: OutboxStatus } | undefined;
    return row ?? null;
  }

  /** What a waiting command's caller is answered: its label and the provisional answer its effect made. */
  queued(id: number): { label: string; provisional: unknown; cancelled: boolean } {
    const row = this.row(id);
    return {
      label: row.label,
      cancelled: row.status === 'cancelled',
      provisional: row.provisional === null ? undefined : (JSON.parse(row.provisional) as unknown),
    };
  }

  /**
   * The oldest pending commands, in order, as a push carries them, up to one naming a record
   * whose create is unanswered; in flight until `landed`. A command whose secret input is no
   * longer in memory (the app restarted) is failed here, with why, not sent.
   */
  pending(limit: number, now: number): PushedMutation[] {
    this.sqlite.transaction(() => followInMemory(this.secretInputs, followSettled(this.sqlite)))();
    const all = this.sqlite
      .prepare(`SELECT * FROM sync_outbox WHERE status = 'pending' ORDER BY id LIMIT ?`)
      .all(limit) as OutboxRow[];
    const rows = this.provisionalCut(all, now);
    if (rows === null) return this.pending(limit, now);
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
    for (const row of rows) this.inFlight.add(row.id);
    return rows.map((row) => ({
      id: row.id,
      tenantId: row.tenant_id,
      path: row.path,
      ...this.inputOf(row),
    }));
  }

  /**
   * The rows up to the first naming a record whose create the server has not answered yet
   * (sent after that answer, with the server's id), or null once one naming a record that will
   * never exist was refused here (the caller reads the pending rows again).
   */
  private provisionalCut(rows: OutboxRow[], now: number): OutboxRow[] | null {
    for (const [index, row] of rows.entries()) {
      const step = sendable(this.sqlite, this.inputOf(row).input);
      if (step.kind === 'wait') return rows.slice(0, index);
      if (step.kind === 'refuse') {
        this.settle([{ id: row.id, status: 'error', code: 'INVALID_STATE', message: step.message }], now);
        return null;
      }
    }
    return rows;
  }

  /** The push is over (answered or cut off): its commands can be cancelled again if still pending. */
  landed(): void {
    this.inFlight.clear();
  }

  /**
   * Records the server's answers, each command settled once, keeping no secret on disk. A
   * command done waits for its rows to arrive by pull (its effect stays on the replica till
   * then). Returns how many were settled.
   */
  settle(outcomes: readonly MutationOutcome[], now: number): number {
    const update = this.sqlite.prepare(
      `UPDATE sync_outbox SET status = ?, result = ?, error_code = ?, error_message = ?, conflicts = ?,
         awaiting_pull = ?, settled_at = ?
       WHERE id = ? AND status = 'pending'`,
    );
    const pathOf = this.sqlite.prepare(
      `SELECT path, provisional FROM sync_outbox WHERE id = ? AND status = 'pending'`,
    );
    let settled = 0;
    this.sqlite.transaction(() => {
      for (const o of outcomes) {
        this.inFlight.delete(o.id);
        const row = pathOf.get(o.id) as { path: string; provisional: string | null } | undefined;
        if (!row) continue;
        settled += 1;
        this.secretInputs.delete(o.id);
        if (o.status === 'error') {
          const conflicts = o.conflicts && o.conflicts.length > 0 ? JSON.stringify(o.conflicts) : null;
          update.run('error', null, o.code, maskSecretShapes(o.message), conflicts, 0, now, o.id);
          continue;
        }
        const kept = storableResult(o.result, this.secretsOf(row.path));
        // A secret goes to the caller still waiting for it, or to nobody (it is never kept).
        if (this.awaited.has(o.id) && kept !== JSON.stringify(o.result ?? null)) {
          this.secretResults.set(o.id, o.result);
        }
        update.run('ok', kept, null, null, null, 1, now, o.id);
        // Later commands on a record made offline now name the server's id (decision 106).
        followInMemory(this.secretInputs, followCreate(this.sqlite, o.id, row.provisional, o.result));
      }
    })();
    return settled;
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
    return this.answer(id);
  }

  /** The server's answer to a command, or null while it waits (or was cancelled). */
  answer(id: number): MutationOutcome | null {
    const row = this.sqlite.prepare('SELECT * FROM sync_outbox WHERE id = ?').get(id) as
      OutboxRow | undefined;
    if (!row || row.status === 'pending' || row.status === 'cancelled') return null;
    return row.status === 'ok'
      ? { id, status: 'ok', result: row.result === null ? null : (JSON.parse(row.result) as unknown) }
      : {
          id,
          status: 'error',
          code: (row.error_code ?? 'INTERNAL') as never,
          message: row.error_message ?? '',
          ...(row.conflicts === null ? {} : { conflicts: JSON.parse(row.conflicts) as FieldConflict[] }),
        };
  }

  /** Withdraws a command not yet sent; one in flight or answered is the server's now. */
  cancel(id: number, now: number): void {
    const row = this.row(id);
    if (row.status !== 'pending' || this.inFlight.has(id)) {
      throw new DomainError(
        'INVALID_STATE',
        'This change was already sent to the server: it cannot be cancelled',
      );
    }
    this.sqlite
      .prepare(
        `UPDATE sync_outbox SET status = 'cancelled', settled_at = ? WHERE id = ? AND status = 'pending'`,
      )
      .run(now, id);
    this.secretInputs.delete(id);
  }

  /** The user has dealt with a refusal: it is no longer a notice. */
  acknowledge(id: number): void {
    const row = this.row(id);
    if (row.status !== 'error')
      throw new DomainError('INVALID_STATE', 'Only a refused change is acknowledged');
    this.sqlite.prepare('UPDATE sync_outbox SET acknowledged = 1 WHERE id = ?').run(id);
  }

  /** A refused command, to queue again (its input as sent; a secret in it is not kept). */
  refused(id: number): { tenantId: string; path: string; input: unknown } {
    const row = this.row(id);
    if (row.status !== 'error')
      throw new DomainError('INVALID_STATE', 'Only a refused change can be retried');
    return { tenantId: row.tenant_id, path: row.path, input: this.inputOf(row).input };
  }

  /** Commands whose effect belongs on the replica: pending, or done with their rows not yet pulled; oldest first. */
  replayed(): ReplayedCommand[] {
    const rows = this.sqlite
      .prepare(
        `SELECT * FROM sync_outbox WHERE status = 'pending' OR (status = 'ok' AND awaiting_pull = 1) ORDER BY id`,
      )
      .all() as OutboxRow[];
    return rows.map((row) => ({
      id: row.id,
      tenantId: row.tenant_id,
      path: row.path,
      input: this.inputOf(row).input,
      createdAt: row.created_at,
    }));
  }

  /** A pull that came after their answers has brought every done command's rows. */
  pulled(): void {
    followInMemory(this.secretInputs, followSettled(this.sqlite));
    this.sqlite
      .prepare(`UPDATE sync_outbox SET awaiting_pull = 0 WHERE status = 'ok' AND awaiting_pull = 1`)
      .run();
  }

  countPending(): number {
    return this.count(`status = 'pending'`);
  }

  /** Refusals the user has not dealt with yet. */
  countRefused(): number {
    return this.count(`status = 'error' AND acknowledged = 0`);
  }

  /** Pending commands first, then the latest answered (or cancelled) ones. */
  list(limit: number): OutboxEntry[] {
    const rows = this.sqlite
      .prepare(
        `SELECT * FROM sync_outbox ORDER BY status = 'pending' DESC, CASE WHEN status = 'pending' THEN id ELSE -id END LIMIT ?`,
      )
      .all(limit) as OutboxRow[];
    return rows.map((row) => entryOf(row, this.inFlight.has(row.id)));
  }

  private count(where: string): number {
    return (
      this.sqlite.prepare(`SELECT count(*) AS n FROM sync_outbox WHERE ${where}`).get() as { n: number }
    ).n;
  }

  private row(id: number): OutboxRow {
    const row = this.sqlite.prepare('SELECT * FROM sync_outbox WHERE id = ?').get(id) as
      OutboxRow | undefined;
    if (!row) throw new DomainError('NOT_FOUND', 'This change is not in the outbox');
    return row;
  }

  private inputOf(row: OutboxRow): { input?: unknown } {
    if (this.secretInputs.has(row.id)) return { input: this.secretInputs.get(row.id) };
    return row.input === null ? {} : { input: JSON.parse(row.input) as unknown };
  }
}
