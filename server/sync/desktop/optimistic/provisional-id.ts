import type { IdPrefix } from '../../../../shared/ids';

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
/** A ULID's time part at the epoch: the server never makes an id there, so these never meet one of its ids. */
const EPOCH_TIME = '0000000000';
const BODY_CHARS = 16;

/**
 * The id a row a queued command creates carries on this desktop until the server's own row
 * arrives: well formed (the id schemas accept it, links to it work), the same on every
 * re-apply of the command (it comes from the outbox entry's id), and never one the server
 * could make, whose ids start with the time they were made at.
 */
export function provisionalId<P extends IdPrefix>(prefix: P, outboxId: number): `${P}_${string}` {
  if (!Number.isSafeInteger(outboxId) || outboxId < 0) throw new RangeError(`bad outbox id ${outboxId}`);
  let body = '';
  let rest = outboxId;
  for (let i = 0; i < BODY_CHARS; i++) {
    body = ALPHABET.charAt(rest % 32) + body;
    rest = Math.floor(rest / 32);
  }
  return `${prefix}_${EPOCH_TIME}${body}`;
}

/** True for an id made by provisionalId: a row only this desktop has, until the server answers. */
export function isProvisionalId(id: string): boolean {
  const body = id.slice(id.indexOf('_') + 1);
  return body.length === EPOCH_TIME.length + BODY_CHARS && body.startsWith(EPOCH_TIME);
}

/**
 * The first provisional id a command's input names, or null: such a command (editing a
 * customer created offline) waits for its create's answer and is sent with the server's id.
 */
export function provisionalIdIn(input: unknown): string | null {
  if (typeof input === 'string')
    return /^[a-z]{1,4}_[0-9A-Z]{26}$/.test(input) && isProvisionalId(input) ? input : null;
  if (typeof input !== 'object' || input === null) return null;
  for (const value of Array.isArray(input) ? input : Object.values(input)) {
    const found = provisionalIdIn(value);
    if (found) return found;
  }
  return null;
}

/** Every provisional id a command's input names, each once (a command may name several). */
export function provisionalIdsIn(input: unknown, found = new Set<string>()): string[] {
  if (typeof input === 'string') {
    if (provisionalIdIn(input)) found.add(input);
  } else if (typeof input === 'object' && input !== null) {
    for (const value of Array.isArray(input) ? input : Object.values(input)) provisionalIdsIn(value, found);
  }
  return [...found];
}

/** The outbox id a provisional id was made from (provisionalId's inverse), or null if it is not one. */
export function outboxIdOf(id: string): number | null {
  if (!isProvisionalId(id)) return null;
  let n = 0;
  for (const char of id.slice(-BODY_CHARS)) {
    const digit = ALPHABET.indexOf(char);
    if (digit < 0) return null;
    n = n * 32 + digit;
  }
  return n;
}
