import { formatDateTime } from '../../lib/format';
import type { RecoveryState } from './types';

/** A notice at the top of a page: a colour for how urgent, a title, and what to do. */
export interface Notice {
  color: string;
  title: string;
  message: string;
}

/** Where an invoice's recovery stands: the next retry, or why there is none, and when access ends. */
export function recoveryNotice(recovery: Omit<RecoveryState, 'invoiceId'> | null): Notice | null {
  if (!recovery) return null;
  const access = `The customer keeps access until ${formatDateTime(recovery.graceEndsAt)}.`;
  const tries = `Attempt ${recovery.attempts} of ${recovery.maxAttempts} failed.`;
  switch (recovery.status) {
    case 'retrying':
      return {
        color: 'orange',
        title: `Next retry ${recovery.nextAttemptAt === null ? 'soon' : formatDateTime(recovery.nextAttemptAt)}`,
        message: `${tries} ${access} Adding a working card retries at once.`,
      };
    case 'waiting_for_card':
      return {
        color: 'grape',
        title: 'Waiting for a new card',
        message: `${tries} No retry is scheduled: the card cannot be charged again. Unless a working card is added by ${formatDateTime(recovery.graceEndsAt)}, the final action is taken then.`,
      };
    case 'paused':
      return {
        color: 'yellow',
        title: 'Recovery paused',
        message: `${tries} Staff paused retries for this customer. ${access}`,
      };
    default:
      return null;
  }
}
