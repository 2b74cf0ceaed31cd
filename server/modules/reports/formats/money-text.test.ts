import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isoUtc, majorUnits, majorUnitsNumber } from './money-text';

describe('isoUtc', () => {
  it('writes what toISOString writes, for any time from 1970 to 9999 and around it', () => {
    const anyTime = fc.oneof(
      fc.integer({ min: 0, max: 253_402_300_799_999 }),
      fc.integer({ min: -62_198_755_200_000, max: 0 }),
      fc.integer({ min: 253_402_300_800_000, max: 8_640_000_000_000_000 }),
    );
    fc.assert(
      fc.property(anyTime, (ms) => {
        expect(isoUtc(ms)).toBe(new Date(ms).toISOString());
      }),
      { numRuns: 5000 },
    );
  });

  it.each([
    [0, '1970-01-01T00:00:00.000Z'],
    [Date.UTC(2024, 1, 29, 23, 59, 59, 999), '2024-02-29T23:59:59.999Z'],
    [Date.UTC(2000, 2, 1), '2000-03-01T00:00:00.000Z'],
    [Date.UTC(2100, 1, 28, 12), '2100-02-28T12:00:00.000Z'],
    [Date.UTC(9999, 11, 31, 23, 59, 59, 999), '9999-12-31T23:59:59.999Z'],
    [Date.UTC(10000, 0, 1), '+010000-01-01T00:00:00.000Z'],
    [-1, '1969-12-31T23:59:59.999Z'],
    [1.5, '1970-01-01T00:00:00.001Z'],
  ])('%d → %s', (ms, text) => {
    expect(isoUtc(ms)).toBe(text);
  });
});

describe('majorUnits', () => {
  it.each([
    [{ minor: 129_950, currency: 'USD' }, '1299.50'],
    [{ minor: -5, currency: 'eur' }, '-0.05'],
    [{ minor: 1200, currency: 'JPY' }, '1200'],
    [{ minor: 1, currency: 'BHD' }, '0.001'],
  ])('%j → %s', (cell, text) => {
    expect(majorUnits(cell)).toBe(text);
    expect(majorUnitsNumber(cell)).toBe(Number(text));
  });

  it('places the digits as the string form does, for any amount and currency', () => {
    /** The digits placed by padding the integer's own text: the arithmetic split must agree. */
    const placed = (minor: number, digits: number) => {
      const padded = String(Math.abs(minor)).padStart(digits + 1, '0');
      const sign = minor < 0 ? '-' : '';
      return digits === 0
        ? `${sign}${padded}`
        : `${sign}${padded.slice(0, -digits)}.${padded.slice(-digits)}`;
    };
    const currencies = [
      ['USD', 2],
      ['jpy', 0],
      ['BHD', 3],
      ['CLF', 4],
    ] as const;
    fc.assert(
      fc.property(
        fc.oneof(fc.integer(), fc.integer({ min: -Number.MAX_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER })),
        fc.constantFrom(...currencies),
        (minor, [currency, digits]) => {
          expect(majorUnits({ minor, currency })).toBe(placed(minor, digits));
        },
      ),
      { numRuns: 5000 },
    );
  });
});
