import { describe, expect, it } from 'vitest';
import { nextEventPreset } from './next-event';

const END = Date.parse('2026-12-21T12:00:00Z');
const base = {
  status: 'active',
  cancelAtPeriodEnd: false,
  currentPeriodEnd: END,
  resumeAt: null,
  endedAt: null,
} as const;

describe('nextEventPreset', () => {
  it('goes an hour past the renewal of an active subscription', () => {
    expect(nextEventPreset(base, 'en-US')).toEqual({
      label: 'Past the next renewal (Dec 21, 2026)',
      to: END + 3_600_000,
    });
  });

  it('names what the period end means for trials and scheduled cancellations', () => {
    expect(nextEventPreset({ ...base, status: 'trialing' }, 'en-US')?.label).toMatch(/^Past the trial end/);
    expect(nextEventPreset({ ...base, cancelAtPeriodEnd: true }, 'en-US')?.label).toMatch(
      /^Past the cancellation/,
    );
  });

  it('follows the resume date of a pause, and offers nothing when there is none or it ended', () => {
    const resumeAt = END + 86_400_000;
    expect(nextEventPreset({ ...base, status: 'paused', resumeAt }, 'en-US')?.to).toBe(resumeAt + 3_600_000);
    expect(nextEventPreset({ ...base, status: 'paused' })).toBeNull();
    expect(nextEventPreset({ ...base, status: 'canceled', endedAt: END })).toBeNull();
  });
});
