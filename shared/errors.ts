/**
 * The closed set of domain error codes. The server maps each to a transport code;
 * the console reads `data.domainCode` to decide how to show it.
 */
export const DOMAIN_ERROR_CODES = [
  'NOT_FOUND',
  'CONFLICT',
  'FORBIDDEN',
  'UNAUTHENTICATED',
  'INVALID_INPUT',
  'INVALID_STATE',
  'PAYMENT_DECLINED',
  'RATE_LIMITED',
] as const;

export type DomainErrorCode = (typeof DOMAIN_ERROR_CODES)[number];

/** Field-level problems keyed by the input's field path ("email", "address.country"). */
export type FieldErrors = Record<string, string[]>;

/** What the server puts in a tRPC error's `data`, beside tRPC's own fields. */
export interface DomainErrorData {
  domainCode: DomainErrorCode | 'INTERNAL';
  fieldErrors?: FieldErrors;
  /** For a CONFLICT on fields someone else changed: each field's value on the server and the caller's. */
  conflicts?: FieldConflict[];
}

/** One field two people changed from the same starting value: what the server holds and what was sent. */
export interface FieldConflict {
  field: string;
  theirs: unknown;
  yours: unknown;
}

export function isDomainErrorCode(value: unknown): value is DomainErrorCode {
  return typeof value === 'string' && (DOMAIN_ERROR_CODES as readonly string[]).includes(value);
}
