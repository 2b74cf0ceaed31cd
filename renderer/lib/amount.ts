import {
  AmountOutOfRangeError,
  currency as currencyCode,
  formatMoney,
  MAX_AMOUNT,
  minorUnitDigits,
  money,
  MoneyError,
  parseMoney,
} from '../../shared/money';

/**
 * Minor units as a plain decimal ("1234.50" for 123450 USD, "1000" for 1000 JPY): what a
 * CSV cell or an amount field holds. String arithmetic only, so no float ever rounds a cent.
 */
export function decimalAmount(amount: number, currency: string): string {
  const digits = minorUnitDigits(currencyCode(currency));
  const magnitude = String(Math.abs(amount)).padStart(digits + 1, '0');
  const text = digits === 0 ? magnitude : `${magnitude.slice(0, -digits)}.${magnitude.slice(-digits)}`;
  return amount < 0 ? `-${text}` : text;
}

export type AmountReading = { ok: true; amount: number } | { ok: false; error: string };

/** Which amounts a field takes, in minor units, and what the field is called in its messages. */
export interface AmountRange {
  min?: number;
  max?: number;
  label?: string;
  /** What to say above `max` when the field has its own reason ("At most $7.99 can still be refunded"). */
  aboveMax?: string;
}

/** Longer than any amount within ±2^53 can be written (16 digits, separators, a sign, a fraction). */
const LONGEST_AMOUNT_TEXT = 40;

/** An example in the currency's own shape: "9.99" USD, "999" JPY, "9.999" BHD. */
function example(currency: string): string {
  const digits = minorUnitDigits(currencyCode(currency));
  return decimalAmount(Number('9'.repeat(Math.max(digits + 1, 3))), currency);
}

function decimalsRule(currency: string): string {
  const code = currencyCode(currency);
  const digits = minorUnitDigits(code);
  if (digits === 0) return `${code} amounts are whole numbers`;
  return `${code} amounts have at most ${digits} ${digits === 1 ? 'decimal' : 'decimals'}`;
}

/** A bound as people read it; a negative one with a true minus sign ("−$999,999.99"). */
function shown(amount: number, currency: string): string {
  const text = formatMoney(money(Math.abs(amount), currency));
  return amount < 0 ? `−${text}` : text;
}

function rangeError(currency: string, min: number, max: number, label: string): string {
  if (min < 0) return `${label} must be between ${shown(min, currency)} and ${shown(max, currency)}`;
  return `${label} must be at most ${shown(max, currency)}`;
}

function tooSmall(currency: string, min: number, max: number, label: string): string {
  if (min === 0) return `${label} cannot be negative`;
  if (min === 1) return `${label} must be more than zero`;
  return rangeError(currency, min, max, label);
}

/**
 * The one reader of amounts staff type ("2", "2.50", "1,250.00", "-3" for a credit) into minor
 * units of `currency`, through the shared money parser, so no float ever meets a cent. It refuses
 * junk, more decimals than the currency has, and anything outside `range` (by default 0 to
 * Stripe's ceiling for one amount), each with a message the field can show. The server checks
 * again; this spares a round trip and says what is wrong in the currency being typed.
 */
export function readAmount(text: string, currency: string, range: AmountRange = {}): AmountReading {
  const { min = 0, max = MAX_AMOUNT, label = 'Amount', aboveMax } = range;
  const typed = text.trim();
  if (!typed) return { ok: false, error: 'Enter an amount' };
  const junk = { ok: false, error: `Enter an amount like ${example(currency)}` } as const;
  // Past ±2^53 (or too long to be within it) the sign alone says which bound it broke.
  const outside = (): AmountReading => ({
    ok: false,
    error: typed.startsWith('-')
      ? tooSmall(currency, min, max, label)
      : (aboveMax ?? rangeError(currency, min, max, label)),
  });
  if (typed.length > LONGEST_AMOUNT_TEXT) return /^-?[\d,]+(\.\d*)?$/.test(typed) ? outside() : junk;
  let amount: number;
  try {
    amount = parseMoney(typed, currency).amount;
  } catch (error) {
    if (error instanceof AmountOutOfRangeError) return outside();
    if (!(error instanceof MoneyError)) throw error;
    return /decimal places/.test(error.message) ? { ok: false, error: decimalsRule(currency) } : junk;
  }
  if (amount < min) return { ok: false, error: tooSmall(currency, min, max, label) };
  if (amount > max) return { ok: false, error: aboveMax ?? rangeError(currency, min, max, label) };
  return { ok: true, amount };
}
