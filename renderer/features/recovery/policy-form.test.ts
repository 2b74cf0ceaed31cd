import { describe, expect, it } from 'vitest';
import { DEFAULT_RECOVERY_POLICY } from '../../../shared/billing/recovery-schema';
import { scheduleText, validatePolicyForm } from './policy-form';

describe('the recovery policy form', () => {
  it('describes the default schedule', () => {
    expect(scheduleText(DEFAULT_RECOVERY_POLICY)).toBe(
      'Retries 1 d, 3 d, 7 d after the first failure, within the 14-day grace period.',
    );
  });

  it('shows the server’s messages for bad values, and an empty box as missing', () => {
    expect(validatePolicyForm({ ...DEFAULT_RECOVERY_POLICY, backoffFactor: 0.5, graceDays: '' })).toEqual({
      backoffFactor: 'Backoff factor must be at least 1 (1 retries at even intervals)',
      graceDays: 'Grace period must be a number of days',
    });
    expect(validatePolicyForm(DEFAULT_RECOVERY_POLICY)).toEqual({});
  });

  it('says when nothing is retried', () => {
    expect(scheduleText({ ...DEFAULT_RECOVERY_POLICY, maxAttempts: 1 })).toMatch(/^No retries/);
    expect(
      scheduleText({ ...DEFAULT_RECOVERY_POLICY, retryBaseHours: 6, backoffFactor: 1.5, maxAttempts: 3 }),
    ).toBe('Retries 6 h, 15 h after the first failure, within the 14-day grace period.');
  });
});
