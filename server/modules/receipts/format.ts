import { formatMoney, money, type Money } from '../../../shared/money';
import { BugIndicatingError } from '../../lib/errors';

/** Turns an amount into display text; the PDF swaps in one that fits its font. */
export type MoneyFormat = (amount: Money, locale: string) => string;

export interface ReceiptFormatter {
  /** The locale as a canonical BCP 47 tag ("en-US"), safe for a `lang` attribute. */
  locale: string;
  money(amountInMinorUnits: number): string;
  date(epochMs: number): string;
  /** "Jan 1 – Feb 1, 2025"; null when the period is unknown. */
  period(start: number | null, end: number | null): string | null;
  quantity(value: number): string;
  country(code: string): string;
}

/** Formatting bound to one receipt's locale, time zone and currency. */
export function createReceiptFormatter(options: {
  locale: string;
  timeZone: string;
  currency: string;
  moneyFormat?: MoneyFormat;
}): ReceiptFormatter {
  const { timeZone, currency } = options;
  const locale = canonicalLocale(options.locale);
  const moneyFormat = options.moneyFormat ?? formatMoney;
  const dates = dateFormat(locale, timeZone);
  const quantities = new Intl.NumberFormat(locale, { maximumFractionDigits: 4 });
  const regions = new Intl.DisplayNames(locale, { type: 'region', fallback: 'code' });

  return {
    locale,
    money: (amount) => moneyFormat(money(amount, currency), locale),
    date: (epochMs) => dates.format(epochMs),
    period(start, end) {
      // Older engines throw on a reversed range; a receipt must still render.
      if (start !== null && end !== null) return dates.formatRange(start, Math.max(start, end));
      if (start !== null) return `From ${dates.format(start)}`;
      if (end !== null) return `Until ${dates.format(end)}`;
      return null;
    },
    quantity: (value) => quantities.format(value),
    country(code) {
      const normalized = code.trim().toUpperCase();
      // Stored codes are not validated upstream; a receipt must still render, so an
      // unknown or malformed code is shown as it was given.
      try {
        return regions.of(normalized) ?? code;
      } catch {
        return code;
      }
    },
  };
}

// Locale and time zone are validated where they are stored; a bad one here is a bug
// upstream, reported as such rather than as Intl's terse RangeError.
function canonicalLocale(locale: string): string {
  try {
    const [canonical] = Intl.getCanonicalLocales(locale);
    if (canonical !== undefined) return canonical;
  } catch {
    // reported below
  }
  throw new BugIndicatingError(`receipt locale "${locale}" is not a BCP 47 language tag`);
}

function dateFormat(locale: string, timeZone: string): Intl.DateTimeFormat {
  try {
    return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone });
  } catch {
    throw new BugIndicatingError(`receipt time zone "${timeZone}" is not an IANA time zone`);
  }
}
