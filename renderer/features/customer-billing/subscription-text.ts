import { formatDate } from '../../lib/format';
import type { BillingSubscription } from './types';

type Dates = Pick<
  BillingSubscription,
  'status' | 'cancelAtPeriodEnd' | 'currentPeriodEnd' | 'trialEnd' | 'endedAt' | 'resumeAt'
>;

/** What happens at the end of the current period, in a few words: "Renews Feb 3, 2026". */
export function periodNote(s: Dates, locale?: string): string {
  const date = (ms: number) => formatDate(ms, locale);
  switch (s.status) {
    case 'canceled':
      return s.endedAt === null ? 'Canceled' : `Ended ${date(s.endedAt)}`;
    case 'paused':
      return s.resumeAt === null ? 'Paused until resumed' : `Resumes ${date(s.resumeAt)}`;
    case 'incomplete':
      return 'Waiting for the first payment';
    case 'trialing':
      return s.cancelAtPeriodEnd
        ? `Ends with the trial on ${date(s.currentPeriodEnd)}`
        : `Trial ends ${date(s.trialEnd ?? s.currentPeriodEnd)}`;
    case 'past_due':
    case 'unpaid':
      // Whether it renews depends on the overdue invoice being paid, so only the date is certain.
      return `Period ends ${date(s.currentPeriodEnd)}`;
    case 'active':
      return s.cancelAtPeriodEnd ? `Ends ${date(s.currentPeriodEnd)}` : `Renews ${date(s.currentPeriodEnd)}`;
  }
}
