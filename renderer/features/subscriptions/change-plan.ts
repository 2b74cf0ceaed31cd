import type { BillingInterval } from '../../../shared/billing/periods';
import { formatMoney, money } from '../../../shared/money';
import type { PlanChangePreview } from './types';

export type ChangeTiming = 'now' | 'period_end';

export const CHANGE_KIND_LABELS: Record<PlanChangePreview['kind'], string> = {
  upgrade: 'Upgrade',
  downgrade: 'Downgrade',
  lateral: 'Same price',
  interval_change: 'New billing interval',
  trial_change: 'Change during trial',
};

/**
 * When the server will apply a change nobody chose a time for (the radio shows it before
 * the preview answers): a new interval or a higher price now, a lower price at period end.
 */
export function expectedTiming(
  from: { amount: number; interval: BillingInterval },
  to: { amount: number; interval: BillingInterval },
): ChangeTiming {
  if (from.interval !== to.interval) return 'now';
  return to.amount < from.amount ? 'period_end' : 'now';
}

/** The confirm button says what confirming does: charge now, schedule, or just switch. */
export function confirmLabel(preview: Pick<PlanChangePreview, 'timing' | 'amountDue' | 'currency'>): string {
  if (preview.timing === 'period_end') return 'Schedule change';
  if (preview.amountDue > 0)
    return `Confirm and charge ${formatMoney(money(preview.amountDue, preview.currency))}`;
  return 'Confirm change';
}
