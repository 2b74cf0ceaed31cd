import type { MovementsSearch } from '../../../shared/analytics/overview-search';
import { countryName } from '../../lib/format';
import { KIND_LOOK, monthLabel } from './overview-text';
import type { MovementRow } from './types';

/** "Churn · Feb 2026 · Pro · France": what the drill-down list holds, in words. */
export function viewTitle(
  search: MovementsSearch,
  range: { from: string; to: string },
  planName: string | null,
): string {
  const months =
    range.from === range.to ? monthLabel(range.from) : `${monthLabel(range.from)} – ${monthLabel(range.to)}`;
  const parts = [search.kind ? KIND_LOOK[search.kind].label : 'All movements', months];
  if (search.cohort) parts.push(`Cohort of ${monthLabel(search.cohort)}`);
  if (planName) parts.push(planName);
  if (search.interval) parts.push(search.interval === 'year' ? 'Yearly' : 'Monthly');
  if (search.currency) parts.push(search.currency);
  if (search.country) parts.push(countryName(search.country));
  if (search.source) parts.push(search.source === 'stripe' ? 'Stripe Billing' : 'Tollgate');
  return parts.join(' · ');
}

/** What caused a movement, as its row names it ("Invoice", "Subscription change", "Stripe event"). */
export function causeLabel(row: Pick<MovementRow, 'causeType'>): string {
  const words = row.causeType.replace(/[_.]/g, ' ').trim();
  return words ? words.charAt(0).toUpperCase() + words.slice(1) : 'Unknown';
}

/** The cause's page when it has one: an invoice opens its invoice; other causes are shown as text. */
export function causeInvoiceId(row: Pick<MovementRow, 'causeType' | 'causeId'>): string | null {
  return row.causeType === 'invoice' && row.causeId ? row.causeId : null;
}
