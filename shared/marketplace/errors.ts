import type { DomainErrorCode, FieldErrors } from '../errors';
import { money, MoneyError, type Money } from '../money';

/**
 * A marketplace rule refused its input or a move from the state something is in. `shared/` cannot
 * see the server's DomainError, so this carries the same code and field errors for the service to
 * rethrow as one (`new DomainError(e.code, e.message, e.fieldErrors)`).
 */
export class MarketplaceRuleError extends Error {
  override readonly name = 'MarketplaceRuleError';

  constructor(
    readonly code: Extract<DomainErrorCode, 'INVALID_INPUT' | 'INVALID_STATE'>,
    message: string,
    readonly fieldErrors?: FieldErrors,
  ) {
    super(message);
  }
}

/** A refusal of one input field, named as the caller spelled it. */
export function invalidField(field: string, problem: string): MarketplaceRuleError {
  return new MarketplaceRuleError('INVALID_INPUT', `${field} ${problem}`, { [field]: [problem] });
}

const idPattern = /^[A-Za-z0-9_-]{1,64}$/;

/** Ids go into idempotency keys joined by ':', so they must never contain one (or anything odd). */
export function assertId(value: unknown, field: string): asserts value is string {
  if (typeof value !== 'string' || !idPattern.test(value)) {
    throw invalidField(field, 'must be 1–64 letters, digits, "_" or "-"');
  }
}

/** The last moment a JavaScript Date can hold; with a hold period added it stays a safe integer. */
const MAX_TIME = 8_640_000_000_000_000;

/** A time as the database keeps it: UTC epoch milliseconds, a Date's range. */
export function assertTime(value: unknown, field: string): asserts value is number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0 || value > MAX_TIME) {
    throw invalidField(field, 'must be a time in epoch milliseconds');
  }
}

/** An amount as money() would make it (whole minor units, within ±2^53, a known currency), or a refusal naming the field. */
export function checkedMoney(value: Money, field: string): Money {
  try {
    return money(value.amount, value.currency);
  } catch (error) {
    if (error instanceof MoneyError) throw invalidField(field, error.message);
    throw error;
  }
}
