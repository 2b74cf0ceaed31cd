/**
 * Every request names the program that sent it (`desktop:<id>` or `web:<id>`), so the
 * audit trail can tell two consoles of the same user apart. The id survives restarts.
 */

const STORAGE_KEY = 'tollgate.clientId';
const VALID_ID = /^[A-Za-z0-9_-]{1,64}$/;
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-';

/** A fresh random id of 22 URL-safe characters (132 bits). */
export function newClientId(random: (bytes: Uint8Array) => Uint8Array = (b) => crypto.getRandomValues(b)) {
  // 64 symbols, so `byte & 63` keeps every symbol equally likely.
  return Array.from(random(new Uint8Array(22)), (byte) => ALPHABET[byte & 63]).join('');
}

/** The id kept in storage, or a new one saved there; a corrupted value is replaced. */
export function loadClientId(storage: Pick<Storage, 'getItem' | 'setItem'>): string {
  const saved = storage.getItem(STORAGE_KEY);
  if (saved && VALID_ID.test(saved)) return saved;
  const id = newClientId();
  storage.setItem(STORAGE_KEY, id);
  return id;
}

/** The header value the backend expects, e.g. `web:3fQ…`. */
export function clientHeader(kind: 'desktop' | 'web', id: string): string {
  return `${kind}:${id}`;
}
