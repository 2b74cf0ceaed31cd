/**
 * Money as integer minor units plus an ISO-4217 currency. No floats anywhere:
 * arithmetic is on safe integers, scaling goes through BigInt, and every split
 * hands out the remainder cent by cent so the parts always add up to the whole.
 *
 * The one rounding rule is half-to-even ("banker's rounding"): ties go to the even
 * neighbour, so repeated roundings do not drift in one direction.
 */

export type CurrencyCode = string & { readonly __currency: unique symbol };

export interface Money {
  readonly amount: number;
  readonly currency: CurrencyCode;
}

export class MoneyError extends Error {
  override readonly name: string = 'MoneyError';
}

/**
 * An amount, or a result of arithmetic on amounts, that leaves the safe-integer range
 * (±2^53 − 1), where doubles stop being whole numbers. It comes from input too large to
 * handle, never from a bug, so the server answers it as invalid input.
 */
export class AmountOutOfRangeError extends MoneyError {
  override readonly name = 'AmountOutOfRangeError';
}

/** Stripe's ceiling for one amount (8 digits of minor units, $999,999.99): a price, a line, an invoice. */
export const MAX_AMOUNT = 99_999_999;

const currencyPattern = /^[A-Z]{3}$/;
const minorDigitsCache = new Map<string, number>();

/** Validates and brands an ISO-4217 code ('USD', 'EUR', 'JPY'…). */
export function currency(code: string): CurrencyCode {
  const upper = code.toUpperCase();
  if (!currencyPattern.test(upper)) throw new MoneyError(`"${code}" is not an ISO-4217 currency code`);
  minorUnitDigits(upper as CurrencyCode);
  return upper as CurrencyCode;
}

/** How many decimal places the currency's minor unit has (USD 2, JPY 0, BHD 3). */
export function minorUnitDigits(code: CurrencyCode): number {
  const cached = minorDigitsCache.get(code);
  if (cached !== undefined) return cached;
  let digits: number;
  try {
    digits = new Intl.NumberFormat('en', { style: 'currency', currency: code }).resolvedOptions()
      .maximumFractionDigits as number;
  } catch {
    throw new MoneyError(`"${code}" is not a currency this runtime knows`);
  }
  minorDigitsCache.set(code, digits);
  return digits;
}

function assertMinorUnits(amount: number, what = 'amount'): void {
  if (Number.isSafeInteger(amount)) return;
  if (Number.isNaN(amount) || (Number.isFinite(amount) && !Number.isInteger(amount))) {
    throw new MoneyError(`${what} must be a whole number of minor units, got ${amount}`);
  }
  throw new AmountOutOfRangeError(`${what} is too large to handle: ${amount} is past ±2^53`);
}

/** Builds a Money from minor units (999 USD = $9.99). */
export function money(amount: number, code: CurrencyCode | string): Money {
  assertMinorUnits(amount);
  return { amount: amount === 0 ? 0 : amount, currency: currency(code) };
}

export function zero(code: CurrencyCode | string): Money {
  return money(0, code);
}

function assertSameCurrency(a: Money, b: Money): void {
  if (a.currency !== b.currency) {
    throw new MoneyError(`cannot combine ${a.currency} with ${b.currency}`);
  }
}

export function add(a: Money, b: Money): Money {
  assertSameCurrency(a, b);
  return money(a.amount + b.amount, a.currency);
}

export function subtract(a: Money, b: Money): Money {
  assertSameCurrency(a, b);
  return money(a.amount - b.amount, a.currency);
}

/** An amount times a whole count (a unit price × quantity), refused past the safe-integer range. */
export function multiply(a: Money, count: number): Money {
  assertMinorUnits(count, 'count');
  const product = BigInt(a.amount) * BigInt(count);
  if (product > BigInt(Number.MAX_SAFE_INTEGER) || product < -BigInt(Number.MAX_SAFE_INTEGER)) {
    throw new AmountOutOfRangeError(`${a.amount} × ${count} is too large to handle`);
  }
  return money(Number(product), a.currency);
}

export function negate(a: Money): Money {
  return money(-a.amount, a.currency);
}

/** Sums a list of amounts in one currency; an empty list needs the currency to be named. */
export function sum(items: readonly Money[], code: CurrencyCode | string): Money {
  return items.reduce((total, item) => add(total, item), zero(code));
}

export function equals(a: Money, b: Money): boolean {
  return a.currency === b.currency && a.amount === b.amount;
}

export function compare(a: Money, b: Money): number {
  assertSameCurrency(a, b);
  return Math.sign(a.amount - b.amount);
}

/** Divides two BigInts rounding half to even. */
export function divideHalfEven(numerator: bigint, denominator: bigint): bigint {
  if (denominator === 0n) throw new MoneyError('division by zero');
  const negative = numerator < 0n !== denominator < 0n;
  const n = numerator < 0n ? -numerator : numerator;
  const d = denominator < 0n ? -denominator : denominator;
  let quotient = n / d;
  const twiceRemainder = (n % d) * 2n;
  if (twiceRemainder > d || (twiceRemainder === d && quotient % 2n === 1n)) quotient += 1n;
  return negative ? -quotient : quotient;
}

/**
 * Scales an amount by numerator/denominator (e.g. seconds used / seconds in period),
 * rounding half to even. Integers only, so proration never meets a float.
 */
export function scale(a: Money, numerator: number, denominator: number): Money {
  assertMinorUnits(numerator, 'numerator');
  assertMinorUnits(denominator, 'denominator');
  const result = divideHalfEven(BigInt(a.amount) * BigInt(numerator), BigInt(denominator));
  return money(Number(result), a.currency);
}

/**
 * Splits an amount by integer weights (70/30, seat counts…). Each part gets its floor
 * share; the cents left over go one by one to the parts with the largest remainders
 * (earliest first on ties), so the parts always sum to the whole.
 */
export function allocate(a: Money, weights: readonly number[]): Money[] {
  if (weights.length === 0) throw new MoneyError('allocate needs at least one weight');
  for (const weight of weights) {
    if (!Number.isSafeInteger(weight) || weight < 0) {
      throw new MoneyError(`weights must be whole numbers ≥ 0, got ${weight}`);
    }
  }
  const total = weights.reduce((s, w) => s + BigInt(w), 0n);
  if (total === 0n) throw new MoneyError('weights must not all be zero');
  const amount = BigInt(a.amount);
  const sign = amount < 0n ? -1n : 1n;
  const magnitude = amount * sign;
  const shares = weights.map((w, index) => {
    const exact = magnitude * BigInt(w);
    return { index, floor: exact / total, remainder: exact % total };
  });
  let leftover = magnitude - shares.reduce((s, share) => s + share.floor, 0n);
  const byRemainder = [...shares].sort((x, y) =>
    x.remainder === y.remainder ? x.index - y.index : x.remainder > y.remainder ? -1 : 1,
  );
  for (const share of byRemainder) {
    if (leftover === 0n) break;
    share.floor += 1n;
    leftover -= 1n;
  }
  return shares.map((share) => money(Number(share.floor * sign), a.currency));
}

/**
 * Parses a decimal string as a user types it ("9.99", "1,250.5", "-3") into minor units,
 * refusing more decimals than the currency has rather than rounding them away.
 */
export function parseMoney(input: string, code: CurrencyCode | string): Money {
  const cur = currency(code);
  const digits = minorUnitDigits(cur);
  const cleaned = input.trim().replace(/,/g, '');
  const match = /^(-)?(\d+)(?:\.(\d*))?$/.exec(cleaned);
  if (!match) throw new MoneyError(`"${input}" is not an amount`);
  const [, minus, whole = '0', fraction = ''] = match;
  if (fraction.length > digits) {
    throw new MoneyError(`"${input}" has more than ${digits} decimal places for ${cur}`);
  }
  const minor = BigInt(whole) * 10n ** BigInt(digits) + BigInt(fraction.padEnd(digits, '0') || '0');
  if (minor > BigInt(Number.MAX_SAFE_INTEGER)) throw new AmountOutOfRangeError(`"${input}" is too large`);
  return money(Number(minus ? -minor : minor), cur);
}

/** Formats for display with the locale's conventions ($9.99, 9,99 €, ¥1,000). */
export function formatMoney(a: Money, locale = 'en-US'): string {
  const digits = minorUnitDigits(a.currency);
  const formatter = new Intl.NumberFormat(locale, { style: 'currency', currency: a.currency });
  // Go through a decimal string so large amounts keep every digit.
  const negative = a.amount < 0;
  const magnitude = String(Math.abs(a.amount)).padStart(digits + 1, '0');
  const decimal = digits === 0 ? magnitude : `${magnitude.slice(0, -digits)}.${magnitude.slice(-digits)}`;
  return formatter.format(`${negative ? '-' : ''}${decimal}` as unknown as number);
}
