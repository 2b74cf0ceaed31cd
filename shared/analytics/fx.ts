import { currency, divideHalfEven, minorUnitDigits, MoneyError } from '../money';

/**
 * Exchange-rate arithmetic for analytics (docs/analytics.md, "Several currencies"). A rate is
 * a decimal string — units of the quote currency per unit of the base currency — kept exact
 * as a fraction, so converting never meets a float and every figure is reproducible.
 */

/** At most 12 digits after the point, 18 significant: enough for any published rate. */
const RATE_PATTERN = /^(\d{1,6})(?:\.(\d{1,12}))?$/;

export interface ExactRate {
  numerator: bigint;
  denominator: bigint;
}

/** Parses "1.0832" into an exact fraction; null when the text is not a positive decimal rate. */
export function parseRate(text: string): ExactRate | null {
  const match = RATE_PATTERN.exec(text.trim());
  if (!match) return null;
  const fraction = match[2] ?? '';
  const numerator = BigInt(match[1] + fraction);
  if (numerator === 0n) return null;
  return { numerator, denominator: 10n ** BigInt(fraction.length) };
}

/** The rate's canonical text: no leading zeros, no trailing fractional zeros ("01.50" → "1.5"). */
export function normalizeRate(text: string): string | null {
  const rate = parseRate(text);
  if (!rate) return null;
  const digits = rate.denominator.toString().length - 1;
  const whole = rate.numerator / rate.denominator;
  const fraction = (rate.numerator % rate.denominator).toString().padStart(digits, '0').replace(/0+$/, '');
  return fraction ? `${whole}.${fraction}` : `${whole}`;
}

/**
 * Converts minor units of `from` into minor units of `to` at `rate` (units of `to` per unit
 * of `from`), rounding half to even once, at the end; the currencies' minor-unit digits are
 * taken into account (1,000 JPY at 0.0067 USD/JPY → 670 US cents).
 */
export function convertMinor(amount: number, from: string, to: string, rate: string | ExactRate): number {
  if (!Number.isSafeInteger(amount)) throw new MoneyError(`amount must be a whole number of minor units`);
  const exact = typeof rate === 'string' ? parseRate(rate) : rate;
  if (!exact) throw new MoneyError(`"${typeof rate === 'string' ? rate : '?'}" is not an exchange rate`);
  const shift = minorUnitDigits(currency(to)) - minorUnitDigits(currency(from));
  let numerator = BigInt(amount) * exact.numerator;
  let denominator = exact.denominator;
  if (shift >= 0) numerator *= 10n ** BigInt(shift);
  else denominator *= 10n ** BigInt(-shift);
  return Number(divideHalfEven(numerator, denominator));
}
