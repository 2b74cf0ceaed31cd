import { formatDate } from '../../lib/format';
import type { AdvancePreset } from '../test-clocks';
import type { Subscription } from './types';

/** An hour past the moment: the job due then has surely run. */
const MARGIN_MS = 3_600_000;

/**
 * Where to move a test clock to see what happens next to this subscription: its renewal,
 * trial end, scheduled cancellation or automatic resume. Nothing for one that has ended
 * or is paused with no resume date.
 */
export function nextEventPreset(
  s: Pick<Subscription, 'status' | 'cancelAtPeriodEnd' | 'currentPeriodEnd' | 'resumeAt' | 'endedAt'>,
  locale?: string,
): AdvancePreset | null {
  if (s.endedAt !== null || s.status === 'canceled') return null;
  if (s.status === 'paused') {
    return s.resumeAt === null
      ? null
      : { label: `Past the resume date (${formatDate(s.resumeAt, locale)})`, to: s.resumeAt + MARGIN_MS };
  }
  const what = s.cancelAtPeriodEnd
    ? 'Past the cancellation'
    : s.status === 'trialing'
      ? 'Past the trial end'
      : 'Past the next renewal';
  return { label: `${what} (${formatDate(s.currentPeriodEnd, locale)})`, to: s.currentPeriodEnd + MARGIN_MS };
}
