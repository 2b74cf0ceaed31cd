import { describe, expect, it } from 'vitest';
import { periodNote } from './subscription-text';

const feb3 = Date.UTC(2026, 1, 3, 12);
const base = {
  status: 'active' as const,
  cancelAtPeriodEnd: false,
  currentPeriodEnd: feb3,
  trialEnd: null,
  endedAt: null,
  resumeAt: null,
};

describe('periodNote', () => {
  it('says when an active subscription renews, or ends if it cancels at period end', () => {
    expect(periodNote(base, 'en-US')).toBe('Renews Feb 3, 2026');
    expect(periodNote({ ...base, cancelAtPeriodEnd: true }, 'en-US')).toBe('Ends Feb 3, 2026');
  });

  it('names the trial end, the resume date and the end of a canceled one', () => {
    expect(periodNote({ ...base, status: 'trialing', trialEnd: feb3 }, 'en-US')).toBe(
      'Trial ends Feb 3, 2026',
    );
    expect(periodNote({ ...base, status: 'paused', resumeAt: feb3 }, 'en-US')).toBe('Resumes Feb 3, 2026');
    expect(periodNote({ ...base, status: 'paused' }, 'en-US')).toBe('Paused until resumed');
    expect(periodNote({ ...base, status: 'canceled', endedAt: feb3 }, 'en-US')).toBe('Ended Feb 3, 2026');
    expect(periodNote({ ...base, status: 'incomplete' }, 'en-US')).toBe('Waiting for the first payment');
    expect(periodNote({ ...base, status: 'past_due' }, 'en-US')).toBe('Period ends Feb 3, 2026');
  });
});
