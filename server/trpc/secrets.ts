import type { AnyProcedure } from '@trpc/server';

/**
 * Secrets a procedure declares: where its input carries one (a webhook signing secret) and
 * where its result does (an API key or invitation code, shown once when made). Paths are
 * dotted keys into the input or result object. What is declared here is never stored,
 * replayed or persisted by the sync machinery; a result stored without it says so.
 */
export interface SecretPaths {
  input?: readonly string[];
  result?: readonly string[];
}

/** What a withheld result carries instead of its secret, for the console to explain. */
export interface Withheld {
  paths: string[];
  message: string;
}

export const WITHHELD_MESSAGE =
  'The secret it returned (a new key or invitation code) was shown once, when made, and is not kept: if it was lost, revoke it and make a new one';

/** The secrets the procedure declared (none when it declared none). */
export function secretsOf(procedure: AnyProcedure | null | undefined): SecretPaths {
  const meta = procedure?._def.meta as { secrets?: SecretPaths } | undefined;
  return meta?.secrets ?? {};
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A copy of `value` with each path's value set to null (paths that are absent stay absent). */
function withoutPaths(value: unknown, paths: readonly string[]): { value: unknown; removed: string[] } {
  if (!isRecord(value) || paths.length === 0) return { value, removed: [] };
  const copy: Record<string, unknown> = structuredClone(value);
  const removed: string[] = [];
  for (const path of paths) {
    const parts = path.split('.');
    const last = parts.pop() as string;
    let holder: unknown = copy;
    for (const part of parts) holder = isRecord(holder) && Object.hasOwn(holder, part) ? holder[part] : null;
    if (isRecord(holder) && Object.hasOwn(holder, last) && holder[last] !== null) {
      holder[last] = null;
      removed.push(path);
    }
  }
  return { value: copy, removed };
}

/**
 * A result as it may be kept: its declared secrets nulled and a `withheld` note saying which
 * and why, so a replay is recognisably the outcome without the secret.
 */
export function withheldResult(result: unknown, secrets: SecretPaths): unknown {
  const { value, removed } = withoutPaths(result, secrets.result ?? []);
  if (removed.length === 0 || !isRecord(value)) return value;
  const withheld: Withheld = { paths: removed, message: WITHHELD_MESSAGE };
  return { ...value, withheld };
}

/** The note a withheld result carries, or null for a result kept whole. */
export function withheldOf(result: unknown): Withheld | null {
  if (!isRecord(result) || !isRecord(result.withheld)) return null;
  const { paths, message } = result.withheld;
  return Array.isArray(paths) && typeof message === 'string' ? { paths: paths.map(String), message } : null;
}

/** An input as it may be kept: its declared secrets nulled. */
export function inputWithoutSecrets(input: unknown, secrets: SecretPaths): unknown {
  return withoutPaths(input, secrets.input ?? []).value;
}

/** True when the procedure's input carries a secret, which may live in memory only. */
export function hasSecretInput(secrets: SecretPaths): boolean {
  return (secrets.input?.length ?? 0) > 0;
}

/**
 * Shapes of the secrets Tollgate mints or takes: API keys, invitation codes, Stripe secret and
 * restricted keys, webhook signing secrets. A key's shown prefix (`tg_key_` + 5) is too short
 * to match. The backstop for anything kept: what the declarations above missed is masked.
 */
const SECRET_SHAPES =
  /\b(?:tg_key_[A-Za-z0-9_-]{16,}|tgi_[A-Za-z0-9_-]{16,}|(?:sk|rk)_(?:live|test)_[A-Za-z0-9]{10,}|whsec_[A-Za-z0-9+/=_-]{10,})/g;

export const MASK = '[secret withheld]';

/** `text` with every secret-shaped token replaced by a mask. */
export function maskSecretShapes(text: string): string {
  return text.replace(SECRET_SHAPES, MASK);
}

/** True when `text` holds something shaped like a secret. */
export function looksSecret(text: string): boolean {
  return new RegExp(SECRET_SHAPES.source).test(text);
}

/**
 * What may be kept of a command's result, as JSON: declared secrets withheld, and anything
 * else shaped like a secret masked.
 */
export function storableResult(result: unknown, secrets: SecretPaths): string {
  return maskSecretShapes(JSON.stringify(withheldResult(result ?? null, secrets) ?? null));
}
