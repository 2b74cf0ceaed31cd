import { PAYMENT_STATUSES } from '../../../shared/billing/schema';
import type { PaymentStatus } from './status';

/**
 * The payments list's view in the URL: a customer search, a status, and the days or months of
 * creation (`from`/`to`, both included, `YYYY-MM-DD` or `YYYY-MM`, in UTC — the revenue card's
 * months are UTC months, and its drill-down must open exactly the payments it counted).
 */
export interface PaymentsSearch {
  q?: string;
  status?: PaymentStatus;
  from?: string;
  to?: string;
}

/** The UTC moments a `YYYY-MM-DD` day or a `YYYY-MM` month starts and ends (the next one's start), or null. */
export function utcSpan(value: string): { start: number; end: number } | null {
  const match = /^(\d{4})-(\d{2})(?:-(\d{2}))?$/.exec(value);
  if (!match) return null;
  const [year, month] = [Number(match[1]), Number(match[2]) - 1];
  const day = match[3] === undefined ? null : Number(match[3]);
  const start = Date.UTC(year, month, day ?? 1);
  const at = new Date(start);
  const real = at.getUTCFullYear() === year && at.getUTCMonth() === month && at.getUTCDate() === (day ?? 1);
  if (!real || year < 1970) return null;
  const end = day === null ? Date.UTC(year, month + 1, 1) : Date.UTC(year, month, day + 1);
  return { start, end };
}

export function parsePaymentsSearch(raw: Record<string, unknown>): PaymentsSearch {
  const search: PaymentsSearch = {};
  if (typeof raw.q === 'string' && raw.q.trim()) search.q = raw.q.slice(0, 200);
  if ((PAYMENT_STATUSES as readonly unknown[]).includes(raw.status))
    search.status = raw.status as PaymentStatus;
  if (typeof raw.from === 'string' && utcSpan(raw.from)) search.from = raw.from;
  if (typeof raw.to === 'string' && utcSpan(raw.to)) search.to = raw.to;
  return search;
}

/** True when the view's last day or month ends before its first starts (the console says so). */
export function isReversed(search: PaymentsSearch): boolean {
  const from = search.from ? utcSpan(search.from) : null;
  const to = search.to ? utcSpan(search.to) : null;
  return from !== null && to !== null && to.end <= from.start;
}

/** The list procedure's filters for a view; a range that ends before it starts keeps only its start. */
export function paymentListFilters(search: PaymentsSearch) {
  const createdFrom = search.from ? (utcSpan(search.from)?.start ?? null) : null;
  const end = search.to ? (utcSpan(search.to)?.end ?? null) : null;
  return {
    search: search.q ?? '',
    status: search.status ?? null,
    createdFrom,
    createdTo: end !== null && !isReversed(search) ? end : null,
  };
}

/** The view of one UTC month's succeeded payments ('YYYY-MM'), as the revenue card links to it. */
export function succeededInMonth(month: string): PaymentsSearch {
  const span = utcSpan(month);
  if (!span) return { status: 'succeeded' };
  const lastDay = new Date(span.end - 86_400_000).toISOString().slice(0, 10);
  return { status: 'succeeded', from: `${month}-01`, to: lastDay };
}
