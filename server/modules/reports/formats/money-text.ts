import { minorUnitDigits, type CurrencyCode } from '../../../../shared/money';
import type { MoneyCell } from './types';

const TWO_DIGITS = Array.from({ length: 100 }, (_, n) => String(n).padStart(2, '0'));

/** A currency's minor-unit digits by its code as the row spells it (no upper-casing per cell). */
const digitsByCode = new Map<string, number>();
function digitsOf(currency: string): number {
  let digits = digitsByCode.get(currency);
  if (digits === undefined) {
    digits = minorUnitDigits(currency.toUpperCase() as CurrencyCode);
    digitsByCode.set(currency, digits);
  }
  return digits;
}

/** 10^digits for the digits a currency can have (0 to 4). */
const POWERS = [1, 10, 100, 1000, 10_000];

/**
 * Minor units as a plain decimal in major units ("1234.50", "-0.05", JPY "1200"), the
 * currency's own digits, no grouping or symbol: what a spreadsheet or script reads as a number.
 * Exact: digits are placed, never divided as floats (the integer split of a safe integer is exact).
 */
export function majorUnits(cell: MoneyCell): string {
  const digits = digitsOf(cell.currency);
  const sign = cell.minor < 0 ? '-' : '';
  const abs = Math.abs(cell.minor);
  if (digits === 0) return `${sign}${abs}`;
  const power = POWERS[digits];
  if (power !== undefined && Number.isSafeInteger(abs)) {
    const fraction = abs % power;
    const whole = (abs - fraction) / power;
    const decimals = digits === 2 ? TWO_DIGITS[fraction] : String(fraction).padStart(digits, '0');
    return `${sign}${whole}.${decimals}`;
  }
  const padded = String(abs).padStart(digits + 1, '0');
  return `${sign}${padded.slice(0, -digits)}.${padded.slice(-digits)}`;
}

/** The same amount as a number for a spreadsheet cell (exact for any amount a ledger holds). */
export function majorUnitsNumber(cell: MoneyCell): number {
  return Number(majorUnits(cell));
}

const DAY_MS = 86_400_000;
/** 10000-01-01: past it (and before 1970) toISOString's own form is used. */
const YEAR_10000_MS = 253_402_300_800_000;
const THREE_DIGITS = Array.from({ length: 1000 }, (_, n) => String(n).padStart(3, '0'));
/** "HH:MM" of each minute of a day. */
const HOURS_MINUTES = Array.from(
  { length: 1440 },
  (_, n) => `${TWO_DIGITS[Math.floor(n / 60)]}:${TWO_DIGITS[n % 60]}`,
);

/** Year, month and day of the `days`-th day after 1970-01-01 (Howard Hinnant's civil_from_days). */
function civilDate(days: number): string {
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const dayOfEra = z - era * 146_097;
  const yearOfEra = Math.floor(
    (dayOfEra -
      Math.floor(dayOfEra / 1460) +
      Math.floor(dayOfEra / 36_524) -
      Math.floor(dayOfEra / 146_096)) /
      365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const shifted = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * shifted + 2) / 5) + 1;
  const month = shifted < 10 ? shifted + 3 : shifted - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  return `${year}-${TWO_DIGITS[month]}-${TWO_DIGITS[day]}`;
}

/** The last days' texts, by day number modulo the size: an export's rows fall on few days each page. */
const DAY_SLOTS = 256;
const slotDays = new Array<number>(DAY_SLOTS).fill(-1);
const slotTexts = new Array<string>(DAY_SLOTS).fill('');

/** civilDate(days), from the slot cache when that day was written lately. */
function dayText(days: number): string {
  const slot = days % DAY_SLOTS;
  if (slotDays[slot] === days) return slotTexts[slot] as string;
  const text = civilDate(days);
  slotDays[slot] = days;
  slotTexts[slot] = text;
  return text;
}

/**
 * An epoch-ms time as ISO 8601 in UTC ("2026-03-01T09:30:00.000Z"), exactly as
 * `Date.prototype.toISOString` writes it, from integer arithmetic: an export writes three
 * dates per row, and a Date per date was the CSV writer's largest cost (40 % of it).
 */
export function isoUtc(ms: number): string {
  if (!Number.isInteger(ms) || ms < 0 || ms >= YEAR_10000_MS) return new Date(ms).toISOString();
  const days = Math.floor(ms / DAY_MS);
  let rest = ms - days * DAY_MS;
  const milliseconds = rest % 1000;
  rest = (rest - milliseconds) / 1000;
  const seconds = rest % 60;
  const minuteOfDay = (rest - seconds) / 60;
  return `${dayText(days)}T${HOURS_MINUTES[minuteOfDay]}:${TWO_DIGITS[seconds]}.${THREE_DIGITS[milliseconds]}Z`;
}
