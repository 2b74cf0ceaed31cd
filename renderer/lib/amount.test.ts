import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { currency, MAX_AMOUNT, minorUnitDigits } from '../../shared/money';
import { decimalAmount, readAmount } from './amount';

/** One currency for each minor-unit exponent the runtime knows (JPY 0, USD 2, BHD 3…), found, not listed. */
const byExponent = new Map<number, string>();
for (const code of Intl.supportedValuesOf('currency')) {
  const digits = minorUnitDigits(currency(code));
  if (!byExponent.has(digits)) byExponent.set(digits, code);
}
const exponents = [...byExponent.entries()];
const EVERY_AMOUNT = { min: -MAX_AMOUNT, max: MAX_AMOUNT };

/** How a person might type the amount: grouped thousands ("1,234.50"), as an English locale writes it. */
function grouped(amount: number, code: string): string {
  const digits = minorUnitDigits(currency(code));
  const format = new Intl.NumberFormat('en-US', {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  });
  return format.format(decimalAmount(amount, code) as unknown as number);
}

describe('decimalAmount', () => {
  it('places the point by the currency’s minor unit', () => {
    expect(decimalAmount(123450, 'USD')).toBe('1234.50');
    expect(decimalAmount(5, 'USD')).toBe('0.05');
    expect(decimalAmount(0, 'EUR')).toBe('0.00');
    expect(decimalAmount(1000, 'JPY')).toBe('1000');
    expect(decimalAmount(1234, 'BHD')).toBe('1.234');
    expect(decimalAmount(-799, 'USD')).toBe('-7.99');
  });
});

describe('readAmount', () => {
  it('covers the exponents the console meets', () => {
    expect(exponents.map(([digits]) => digits).sort()).toEqual(expect.arrayContaining([0, 2, 3]));
  });

  it.each(exponents)('reads back what the formatter wrote, exponent %i (%s)', (_digits, code) => {
    fc.assert(
      fc.property(fc.integer({ min: -MAX_AMOUNT, max: MAX_AMOUNT }), (amount) => {
        expect(readAmount(decimalAmount(amount, code), code, EVERY_AMOUNT)).toEqual({ ok: true, amount });
        expect(readAmount(` ${grouped(amount, code)} `, code, EVERY_AMOUNT)).toEqual({ ok: true, amount });
      }),
    );
  });

  it.each(exponents)('refuses more decimals than exponent %i (%s) has, never rounding', (digits, code) => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 99_999 }), fc.integer({ min: 1, max: 9 }), (whole, extra) => {
        const text = `${whole}.${'0'.repeat(digits)}${extra}`;
        const result = readAmount(text, code);
        expect(result).toEqual({
          ok: false,
          error:
            digits === 0
              ? `${code} amounts are whole numbers`
              : `${code} amounts have at most ${digits} decimals`,
        });
      }),
    );
  });

  it('refuses junk, saying what an amount looks like in the currency', () => {
    const junk = fc
      .tuple(
        fc.string(),
        fc.constantFrom('x', '$', 'e', '1.2.3', '--1', ' 1 2', '∞', '0x10', 'NaN'),
        fc.string(),
      )
      .map(([before, bad, after]) => `${before}${bad}${after}`);
    fc.assert(
      fc.property(junk, (text) => {
        expect(readAmount(text, 'USD', EVERY_AMOUNT)).toEqual({
          ok: false,
          error: 'Enter an amount like 9.99',
        });
      }),
    );
    expect(readAmount('ten', 'JPY')).toEqual({ ok: false, error: 'Enter an amount like 999' });
    expect(readAmount('ten', 'BHD')).toEqual({ ok: false, error: 'Enter an amount like 9.999' });
    expect(readAmount('   ', 'USD')).toEqual({ ok: false, error: 'Enter an amount' });
  });

  it('refuses amounts past the field’s range and past ±2^53 with the range in the currency', () => {
    const tooLarge = fc.oneof(
      fc.bigInt({ min: BigInt(MAX_AMOUNT) + 1n, max: 10n ** 30n }),
      fc.constant(2n ** 53n),
      fc.constant(10n ** 1_000n),
    );
    fc.assert(
      fc.property(tooLarge, fc.boolean(), (minor, negative) => {
        const text = `${negative ? '-' : ''}${minor}`;
        expect(readAmount(text, 'JPY', EVERY_AMOUNT)).toEqual({
          ok: false,
          error: 'Amount must be between −¥99,999,999 and ¥99,999,999',
        });
      }),
    );
    expect(readAmount('1000000', 'USD')).toEqual({ ok: false, error: 'Amount must be at most $999,999.99' });
    expect(readAmount('9'.repeat(1_000_000), 'USD').ok).toBe(false);
  });

  it('holds each field to its own floor and label', () => {
    expect(readAmount('-1', 'USD')).toEqual({ ok: false, error: 'Amount cannot be negative' });
    expect(readAmount('0', 'USD', { min: 1 })).toEqual({ ok: false, error: 'Amount must be more than zero' });
    expect(readAmount('-1000000', 'EUR', { ...EVERY_AMOUNT, label: 'Unit price' })).toEqual({
      ok: false,
      error: 'Unit price must be between −€999,999.99 and €999,999.99',
    });
    expect(readAmount('-3', 'USD', EVERY_AMOUNT)).toEqual({ ok: true, amount: -300 });
  });
});
