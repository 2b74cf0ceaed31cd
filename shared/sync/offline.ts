/**
 * What the console and a connected desktop's backend agree on for offline work: the key a
 * form sends with its command (so a second submit is the same command), and the mark on a
 * command's answer that says it is queued, not done.
 */

/** The header carrying a command's client-made idempotency key (one per opened form). */
export const COMMAND_KEY_HEADER = 'x-tollgate-command-key';

const COMMAND_KEY = /^[A-Za-z0-9_-]{8,64}$/;

/** A usable key, or null for anything else (absent, too long, odd characters): such a command is not deduplicated. */
export function readCommandKey(value: string | null | undefined): string | null {
  return typeof value === 'string' && COMMAND_KEY.test(value) ? value : null;
}

/** The property of a command's answer that marks it queued on this desktop. */
export const QUEUED_KEY = '__queued';

/** A queued command as its answer names it: the outbox entry and what it does ("Refund $5.00 on INV-000001"). */
export interface QueuedMark {
  outboxId: number;
  label: string;
}

/** The queued mark of a command's answer, or null when the server answered it. */
export function queuedMarkOf(data: unknown): QueuedMark | null {
  if (typeof data !== 'object' || data === null || !(QUEUED_KEY in data)) return null;
  const mark = (data as Record<string, unknown>)[QUEUED_KEY];
  if (typeof mark !== 'object' || mark === null) return null;
  const { outboxId, label } = mark as Record<string, unknown>;
  return typeof outboxId === 'number' && typeof label === 'string' ? { outboxId, label } : null;
}
