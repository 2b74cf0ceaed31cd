import { SUBSCRIPTION_STATUSES, type SubscriptionStatus } from '../../../shared/billing/subscription-machine';
import { formatDateTime } from '../../lib/format';
import { SUBSCRIPTION_STATUS_LOOK } from './status';
import type { SubscriptionEvent } from './types';

/** Why billing moved the subscription (`subscription.updated` carries the machine's command). */
const REASONS: Record<string, string> = {
  activate: 'First invoice paid',
  trial_converted: 'Trial converted to paid',
  trial_payment_failed: 'Trial ended; the first charge failed',
  trial_awaiting_payment: 'Trial ended without a payment method',
  renewed: 'Renewed',
  payment_failed: 'Payment failed',
  payment_recovered: 'Payment recovered',
  mark_unpaid: 'Marked unpaid after retries',
  resume: 'Resumed',
  pause: 'Paused',
  change_plan: 'Plan or quantity changed',
  cancel_at_period_end: 'Set to cancel at the end of the period',
  undo_cancel_at_period_end: 'Cancellation undone',
};

const CANCEL_REASONS: Record<string, string> = {
  canceled_by_staff: 'Canceled by staff',
  period_end: 'Canceled at the end of the period',
  incomplete_expired: 'Expired: the first invoice was never paid',
  trial_ended_without_payment_method: 'Trial ended without a payment method',
};

const isStatus = (value: unknown): value is SubscriptionStatus =>
  (SUBSCRIPTION_STATUSES as readonly unknown[]).includes(value);

function fallbackTitle(type: string): string {
  const words = (type.split('.').at(-1) ?? type).replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

interface PlanSide {
  plan: string;
  interval: string;
  quantity: number;
}

const isSide = (value: unknown): value is PlanSide =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as PlanSide).plan === 'string' &&
  typeof (value as PlanSide).interval === 'string' &&
  typeof (value as PlanSide).quantity === 'number';

/**
 * A plan change from → to ("Plan changed: Starter → Pro", "Seats 3 → 5"), or null for an
 * entry recorded before changes carried both sides.
 */
export function planChangeText(data: Record<string, unknown>): { title: string; detail: string } | null {
  const { from, to } = data;
  if (!isSide(from) || !isSide(to)) return null;
  const scheduled = data.timing === 'period_end';
  const parts: string[] = [];
  if (from.plan !== to.plan)
    parts.push(`Plan ${scheduled ? 'change scheduled' : 'changed'}: ${from.plan} → ${to.plan}`);
  else if (from.interval !== to.interval)
    parts.push(
      `Billing ${scheduled ? 'change scheduled' : 'changed'}: ${from.interval}ly → ${to.interval}ly`,
    );
  const seats = from.quantity !== to.quantity ? `Seats ${from.quantity} → ${to.quantity}` : null;
  const title =
    parts[0] ?? (seats ? `${scheduled ? 'Scheduled: ' : ''}${seats}` : 'Plan or quantity changed');
  const when =
    scheduled && typeof data.effectiveAt === 'number' ? `From ${formatDateTime(data.effectiveAt)}` : null;
  const detail = [parts[0] ? seats : null, when].filter(Boolean).join(' · ');
  return { title, detail: detail || `${to.plan} × ${to.quantity}` };
}

/** The headline and detail of one history entry; unknown events still read sensibly. */
export function describeEvent(event: Pick<SubscriptionEvent, 'type' | 'data'>): {
  title: string;
  detail: string | null;
} {
  const { data } = event;
  const status = isStatus(data.status) ? SUBSCRIPTION_STATUS_LOOK[data.status].label : null;
  switch (event.type) {
    case 'subscription.created':
      return { title: 'Created', detail: status ? `Started as ${status.toLowerCase()}` : null };
    case 'subscription.updated': {
      const reason = typeof data.reason === 'string' ? data.reason : '';
      const change = reason === 'change_plan' ? planChangeText(data) : null;
      if (change) return change;
      return {
        title: REASONS[reason] ?? 'Updated',
        detail: status ? `Status: ${status}` : null,
      };
    }
    case 'subscription.canceled': {
      const reason = typeof data.reason === 'string' ? data.reason : '';
      const credited = data.prorated === true ? 'Unused time credited to the balance' : null;
      return { title: CANCEL_REASONS[reason] ?? 'Canceled', detail: credited };
    }
    case 'subscription.trial_will_end':
      return {
        title: 'Trial ending soon',
        detail: typeof data.trialEnd === 'number' ? `Ends ${formatDateTime(data.trialEnd)}` : null,
      };
    default:
      return { title: fallbackTitle(event.type), detail: null };
  }
}

/**
 * Newest first, as the server sends them, except that events of the same millisecond
 * (a subscription created and its first invoice paid at once) keep their causal order:
 * creation is always the oldest of its moment.
 */
export function newestFirst<E extends Pick<SubscriptionEvent, 'type' | 'occurredAt'>>(
  events: readonly E[],
): E[] {
  const rank = (e: E) => (e.type === 'subscription.created' ? 1 : 0);
  return [...events].sort((a, b) => b.occurredAt - a.occurredAt || rank(a) - rank(b));
}
