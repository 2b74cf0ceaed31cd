import { boundary, DAY_MS } from '../../../shared/billing/periods';
import type { AdvancePreset } from './types';

/**
 * The usual steps forward from a clock's time. A month is a calendar month, computed the
 * way billing computes periods, so "+1 month" from a subscription's start lands exactly
 * on its renewal.
 */
export function quickPresets(now: number): AdvancePreset[] {
  return [
    { label: '+1 day', to: now + DAY_MS },
    { label: '+1 week', to: now + 7 * DAY_MS },
    { label: '+1 month', to: boundary(now, 'month', 1) },
  ];
}

const HOUR_MS = 3_600_000;

/** "32 days ahead of real time": how far a clock has been moved, in the coarsest fitting unit. */
export function driftText(clockNow: number, realNow: number): string {
  const diff = clockNow - realNow;
  const distance = Math.abs(diff);
  if (distance < HOUR_MS) return 'in step with real time';
  const [count, unit] =
    distance < DAY_MS ? [Math.round(distance / HOUR_MS), 'hour'] : [Math.round(distance / DAY_MS), 'day'];
  return `${count} ${unit}${count === 1 ? '' : 's'} ${diff > 0 ? 'ahead of' : 'behind'} real time`;
}

/** An hour past the next due job of the clock's customers: whatever is due then has surely run. */
export function nextEventPresets(
  clock: { now: number; nextEventAt: number | null },
  locale?: string,
): AdvancePreset[] {
  if (clock.nextEventAt === null || clock.nextEventAt < clock.now) return [];
  const at = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(
    clock.nextEventAt,
  );
  return [{ label: `Past the next billing event (${at})`, to: clock.nextEventAt + 3_600_000 }];
}
