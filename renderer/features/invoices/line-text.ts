/**
 * An invoice line's description as the console writes dates ("Pro × 3 (Dec 6, 2026 – Jan 6, 2027)").
 * Lines are stored as issued, with ISO days (`2026-12-06`, in UTC) in their text; the console
 * reads them in the medium date style used everywhere else, kept in UTC so the day is the one
 * the customer's invoice names.
 */
export function lineDescription(description: string, locale?: string): string {
  const format = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' });
  return description.replace(
    /\b(\d{4})-(\d{2})-(\d{2})\b/g,
    (day, year: string, month: string, date: string) => {
      const at = Date.UTC(Number(year), Number(month) - 1, Number(date));
      return new Date(at).toISOString().slice(0, 10) === day ? format.format(at) : day;
    },
  );
}
