import { minorUnitDigits, type CurrencyCode } from '../../../../shared/money';
import type { MoneyCell } from './types';

/**
 * Minor units as a plain decimal in major units ("1234.50", "-0.05", JPY "1200"), the
 * currency's own digits, no grouping or symbol: what a spreadsheet or script reads as a number.
 * Exact: digits are placed, never divided as floats.
 */
export function majorUnits(cell: MoneyCell): string {
  const digits = minorUnitDigits(cell.currency.toUpperCase() as CurrencyCode);
  const sign = cell.minor < 0 ? '-' : '';
  const text = String(Math.abs(cell.minor));
  if (digits === 0) return `${sign}${text}`;
  const padded = text.padStart(digits + 1, '0');
  return `${sign}${padded.slice(0, -digits)}.${padded.slice(-digits)}`;
}

/** The same amount as a number for a spreadsheet cell (exact for any amount a ledger holds). */
export function majorUnitsNumber(cell: MoneyCell): number {
  return Number(majorUnits(cell));
}

/** An epoch-ms time as ISO 8601 in UTC ("2026-03-01T09:30:00.000Z"). */
export function isoUtc(ms: number): string {
  return new Date(ms).toISOString();
}
