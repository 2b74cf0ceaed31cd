/** "Nov 21 – Dec 21, 2026": a billing period as one range, sharing what the ends have in common. */
export function periodText(start: number, end: number, locale?: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium' }).formatRange(start, end);
}
