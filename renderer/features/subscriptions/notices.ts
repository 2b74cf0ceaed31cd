import { formatDate, formatDateTime } from '../../lib/format';
import type { Notice, RecoveryState } from '../recovery';
import type { SubscriptionDetail } from './types';

/** What staff should notice first on a subscription's page: an end coming, or something wrong. */
export function subscriptionNotices(
  s: SubscriptionDetail['subscription'],
  recovery: RecoveryState | null = null,
): Notice[] {
  const notices: Notice[] = [];
  if (s.managedBy === 'stripe') {
    notices.push({
      color: 'gray',
      title: 'Managed in Stripe',
      message: 'Change this subscription in Stripe; its updates arrive here.',
    });
  }
  if (s.cancelAtPeriodEnd) {
    notices.push({
      color: 'red',
      title: `Cancels on ${formatDate(s.currentPeriodEnd)}`,
      message:
        'The customer keeps access until then and nothing more is billed. It can be undone before that date.',
    });
  }
  switch (s.status) {
    case 'past_due': {
      const retry = recovery?.nextAttemptAt ?? null;
      notices.push({
        color: 'orange',
        title: retry === null ? 'Past due' : `Past due · next retry ${formatDateTime(retry)}`,
        message: `The last charge failed${recovery ? ` (attempt ${recovery.attempts} of ${recovery.maxAttempts})` : ''}. ${
          retry === null
            ? 'No retry is scheduled.'
            : 'It is retried automatically; adding a working card retries at once.'
        }${recovery ? ` Access continues until ${formatDateTime(recovery.graceEndsAt)}.` : ''} Paying the open invoice brings it back to active.`,
      });
      break;
    }
    case 'unpaid':
      notices.push({
        color: 'red',
        title: 'Unpaid',
        message: 'Every retry failed and access is suspended until the open invoice is paid.',
      });
      break;
    case 'incomplete':
      notices.push({
        color: 'grape',
        title: 'Waiting for the first payment',
        message: 'It becomes active once its first invoice is paid, and lapses if it never is.',
      });
      break;
    case 'paused':
      notices.push({
        color: 'yellow',
        title: 'Paused',
        message:
          s.resumeAt !== null
            ? `No invoices until it resumes on ${formatDateTime(s.resumeAt)}.`
            : 'No invoices until someone resumes it.',
      });
      break;
    default:
      break;
  }
  return notices;
}
