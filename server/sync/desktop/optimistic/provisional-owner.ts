import type Database from 'better-sqlite3';
import { DomainError } from '../../../lib/errors';
import { isProvisionalId, outboxIdOf, provisionalIdsIn } from './provisional-id';

/**
 * Who a provisional id belongs to (decision 106): the create queued in this desktop's outbox
 * that made it. Commands may name a record made offline while that create still waits, and
 * follow it to the server's id once the server answers.
 */
export interface ProvisionalOwner {
  status: 'pending' | 'ok' | 'error' | 'cancelled';
  /** Done, its server row not pulled yet: the provisional row is still on the replica. */
  awaitingPull: boolean;
  /** The id the server gave the record, once the create is done. */
  serverId: string | null;
  /** Why it was refused, in the server's words. */
  errorMessage: string | null;
}

interface OwnerRow {
  status: ProvisionalOwner['status'];
  awaiting_pull: number;
  provisional: string | null;
  result: string | null;
  error_message: string | null;
}

/** The id field of a stored JSON answer, if it has one. */
export function idOfAnswer(json: string | null): string | null {
  if (json === null) return null;
  const parsed = JSON.parse(json) as unknown;
  const id = typeof parsed === 'object' && parsed !== null ? (parsed as { id?: unknown }).id : null;
  return typeof id === 'string' ? id : null;
}

/** The outbox entry whose provisional answer made `id`, or null: none (a made-up id, or one another desktop made). */
export function ownerOf(sqlite: Database.Database, id: string): ProvisionalOwner | null {
  const outboxId = outboxIdOf(id);
  if (outboxId === null) return null;
  const row = sqlite
    .prepare('SELECT status, awaiting_pull, provisional, result, error_message FROM sync_outbox WHERE id = ?')
    .get(outboxId) as OwnerRow | undefined;
  // The entry must have answered with this very id: the outbox id alone could be any command's.
  if (!row || idOfAnswer(row.provisional) !== id) return null;
  return {
    status: row.status,
    awaitingPull: row.awaiting_pull === 1,
    serverId: row.status === 'ok' ? idOfAnswer(row.result) : null,
    errorMessage: row.error_message,
  };
}

/** True while the record's provisional row is on the replica: its create pending, or done and not pulled. */
export function isWaiting(owner: ProvisionalOwner | null): boolean {
  return owner !== null && (owner.status === 'pending' || (owner.status === 'ok' && owner.awaitingPull));
}

/** Why a command on this record cannot run: the create that would make it is not going to. */
export function neverCreatedMessage(what: string, owner: ProvisionalOwner | null): string {
  const reason =
    owner === null
      ? 'it is not waiting in this desktop’s outbox'
      : owner.status === 'cancelled'
        ? 'its creation was cancelled'
        : owner.status === 'error'
          ? (owner.errorMessage ?? 'the server refused it')
          : 'it has synced under the server’s id since';
  return `The ${what.toLowerCase()} this acts on was never created: ${reason}`;
}

/** A command's refusal when it names a provisional id no waiting create owns. */
export function refuseUnowned(sqlite: Database.Database, input: unknown, what = 'record'): void {
  for (const id of provisionalIdsIn(input)) {
    const owner = ownerOf(sqlite, id);
    if (!isWaiting(owner)) throw new DomainError('INVALID_STATE', neverCreatedMessage(what, owner));
  }
}

/** What a record's id prefix names, for a message. */
export function recordNoun(id: string): string {
  const prefix = id.slice(0, id.indexOf('_'));
  return { cus: 'customer', inv: 'invoice', pay: 'payment', sub: 'subscription' }[prefix] ?? 'record';
}

/**
 * Points every pending entry after `after` that names `from` at `to` instead: its input (the
 * id as a whole JSON string, never part of another value), its record and its label. The
 * server knows the record by `to` only; the rebase then re-applies them on its row. Returns
 * the entries changed.
 */
export function rewriteProvisional(
  sqlite: Database.Database,
  after: number,
  from: string,
  to: string,
): number[] {
  const quoted = JSON.stringify(from);
  const rows = sqlite
    .prepare(
      `SELECT id, input, record_key, label FROM sync_outbox
       WHERE status = 'pending' AND id > ? AND (instr(input, ?) > 0 OR record_key = ? OR instr(label, ?) > 0)`,
    )
    .all(after, quoted, from, from) as {
    id: number;
    input: string | null;
    record_key: string | null;
    label: string;
  }[];
  const update = sqlite.prepare('UPDATE sync_outbox SET input = ?, record_key = ?, label = ? WHERE id = ?');
  for (const row of rows) {
    update.run(
      row.input === null ? null : replaceIdInJson(row.input, from, to),
      row.record_key === from ? to : row.record_key,
      row.label.split(from).join(to),
      row.id,
    );
  }
  return rows.map((row) => row.id);
}

/** `json` with every string value exactly `from` made `to`. */
export function replaceIdInJson(json: string, from: string, to: string): string {
  return json.split(JSON.stringify(from)).join(JSON.stringify(to));
}

/**
 * Rewrites pending entries still naming a provisional id whose create is done (queued after
 * its answer came, so settle's rewrite missed them). Returns each rewrite made.
 */
export function followSettled(sqlite: Database.Database): Rewrite[] {
  const rows = sqlite
    .prepare(`SELECT input FROM sync_outbox WHERE status = 'pending' AND instr(input, '_0000000000') > 0`)
    .all() as { input: string }[];
  const named = new Set(rows.flatMap((row) => provisionalIdsIn(JSON.parse(row.input))));
  const done: Rewrite[] = [];
  for (const from of named) {
    const to = ownerOf(sqlite, from)?.serverId;
    const after = outboxIdOf(from);
    if (to && after !== null) done.push({ ids: rewriteProvisional(sqlite, after, from, to), from, to });
  }
  return done;
}

/**
 * Whether a pending command can be sent now: `send`, `wait` while a create it names is not
 * answered yet (the server would not know the id), or `refuse` when that create never will be.
 */
export function sendable(
  sqlite: Database.Database,
  input: unknown,
): { kind: 'send' } | { kind: 'wait' } | { kind: 'refuse'; message: string } {
  for (const id of provisionalIdsIn(input)) {
    const owner = ownerOf(sqlite, id);
    if (owner?.status === 'pending') return { kind: 'wait' };
    // A done create's id was rewritten away (followSettled): one still here has no server id.
    return { kind: 'refuse', message: neverCreatedMessage(recordNoun(id), owner) };
  }
  return { kind: 'send' };
}

export type Rewrite = { ids: number[]; from: string; to: string };

/** A create done: the entries after it follow its provisional id to the one the server gave. */
export function followCreate(
  sqlite: Database.Database,
  createId: number,
  provisional: string | null,
  result: unknown,
): Rewrite[] {
  const [from, to] = [idOfAnswer(provisional), idOfAnswer(JSON.stringify(result ?? null))];
  if (!from || !to || from === to || !isProvisionalId(from)) return [];
  return [{ ids: rewriteProvisional(sqlite, createId, from, to), from, to }];
}

/** Secret inputs, held in memory only, follow a rewritten id too. */
export function followInMemory(inputs: Map<number, unknown>, rewrites: Rewrite[]): void {
  for (const { ids, from, to } of rewrites) {
    for (const id of ids) {
      if (!inputs.has(id)) continue;
      inputs.set(id, JSON.parse(replaceIdInJson(JSON.stringify(inputs.get(id)), from, to)) as unknown);
    }
  }
}
