/**
 * Keys every plain object already answers to (`__proto__`, `constructor`, `toString`…),
 * which a client can still send as its own: JSON.parse makes each an ordinary own property.
 * Read from Object.prototype itself, so the list follows the runtime; `then` too, which
 * makes an object look like a promise.
 */
export const PROTOTYPE_KEYS: readonly string[] = [...Object.getOwnPropertyNames(Object.prototype), 'then'];

/** `rest` plus an own property `key` (as JSON.parse would make it, `__proto__` included). */
export function withOwnKey(key: string, value: unknown, rest: Record<string, unknown> = {}) {
  return Object.fromEntries([...Object.entries(rest), [key, value]]) as Record<string, unknown>;
}
