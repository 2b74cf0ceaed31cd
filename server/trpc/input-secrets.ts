import type { SecretPaths } from './secrets';

/**
 * The secret values an input carries, for the log scrubber to mask wherever they turn up in
 * that request's log lines. A password a user types has no shape: once it is quoted in free
 * text (an error echoing the input, a note) nothing can tell it from other words, except that
 * the same request carried it in a password-like field. Keys are matched by name at any depth
 * (as the logger's redact paths name them), plus the paths a procedure declares as secret.
 */

const SECRET_KEY = /pass(word|phrase)?$|secret|token|api_?key|^key$|cvc|cvv|card_?number/i;

/** Shorter values would mask ordinary words of the request's lines; no password is this short. */
export const MIN_REQUEST_SECRET_LENGTH = 6;

/** Deep enough for any procedure's input; a deeper value is data, not a credential field. */
const MAX_DEPTH = 4;

function collect(value: unknown, key: string | null, depth: number, into: Set<string>): void {
  if (typeof value === 'string') {
    if (key !== null && SECRET_KEY.test(key) && value.length >= MIN_REQUEST_SECRET_LENGTH) into.add(value);
    return;
  }
  if (depth >= MAX_DEPTH || typeof value !== 'object' || value === null) return;
  if (Array.isArray(value)) {
    for (const item of value) collect(item, key, depth + 1, into);
    return;
  }
  for (const [name, item] of Object.entries(value)) collect(item, name, depth + 1, into);
}

function atPath(value: unknown, path: string): unknown {
  let here = value;
  for (const part of path.split('.')) {
    if (typeof here !== 'object' || here === null || !Object.hasOwn(here, part)) return undefined;
    here = (here as Record<string, unknown>)[part];
  }
  return here;
}

/** Values of password-like fields in `input`, and of the paths the procedure declared secret. */
export function inputSecrets(input: unknown, declared: SecretPaths = {}): Set<string> {
  const found = new Set<string>();
  collect(input, null, 0, found);
  for (const path of declared.input ?? []) {
    const value = atPath(input, path);
    if (typeof value === 'string' && value.length >= MIN_REQUEST_SECRET_LENGTH) found.add(value);
  }
  return found;
}
