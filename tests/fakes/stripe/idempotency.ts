import type { FormObject } from './form';

/** What a key was first used for, and the answer Stripe would replay for it. */
interface SavedRequest {
  signature: string;
  status: number;
  body: string;
  requestId: string;
}

export type IdempotencyLookup =
  { kind: 'new' } | { kind: 'replay'; saved: SavedRequest } | { kind: 'conflict' };

/** Same method, path and parameters (in any order) make the same request. */
export function requestSignature(method: string, path: string, form: FormObject): string {
  const sorted = (value: unknown): unknown =>
    value !== null && typeof value === 'object' && !Array.isArray(value)
      ? Object.fromEntries(
          Object.keys(value)
            .sort()
            .map((key) => [key, sorted((value as Record<string, unknown>)[key])]),
        )
      : Array.isArray(value)
        ? value.map(sorted)
        : value;
  return JSON.stringify([method, path, sorted(form)]);
}

/**
 * Stripe's idempotency layer: a key first used for one request answers every later use
 * with that request's saved response; reused for a different request (other parameters
 * or another endpoint), it is refused. Like Stripe, only requests that reached the
 * endpoint are saved: a request refused by parameter validation leaves the key unused.
 */
export class IdempotencyLayer {
  readonly #saved = new Map<string, SavedRequest>();

  lookup(key: string, signature: string): IdempotencyLookup {
    const saved = this.#saved.get(key);
    if (!saved) return { kind: 'new' };
    return saved.signature === signature ? { kind: 'replay', saved } : { kind: 'conflict' };
  }

  save(key: string, saved: SavedRequest): void {
    this.#saved.set(key, saved);
  }
}
