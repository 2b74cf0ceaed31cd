import { describe, expect, it } from 'vitest';
import { recoveryNotice } from './recovery-notice';

const recovery = {
  status: 'retrying' as const,
  attempts: 2,
  maxAttempts: 4,
  nextAttemptAt: Date.parse('2026-02-01T09:30:00Z'),
  graceEndsAt: Date.parse('2026-02-12T09:30:00Z'),
  customerPaused: false,
};

describe('recoveryNotice', () => {
  it('says when the next retry comes and until when access lasts', () => {
    const notice = recoveryNotice(recovery);
    expect(notice?.title).toMatch(/^Next retry .*2026/);
    expect(notice?.message).toMatch(/^Attempt 2 of 4 failed\. The customer keeps access until .*2026/);
  });

  it('names a wait for a new card, and says nothing once recovered', () => {
    expect(recoveryNotice({ ...recovery, status: 'waiting_for_card', nextAttemptAt: null })?.title).toBe(
      'Waiting for a new card',
    );
    expect(recoveryNotice({ ...recovery, status: 'recovered', nextAttemptAt: null })).toBeNull();
    expect(recoveryNotice(null)).toBeNull();
  });
});
