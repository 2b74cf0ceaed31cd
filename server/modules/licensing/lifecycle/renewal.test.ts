import { describe, expect, it } from 'vitest';
import { DomainError } from '../../../lib/errors';
import { renewalExpiry, type RenewalSubscription } from './renewal';

const NOW = Date.UTC(2026, 11, 7, 12);
const DAY = 86_400_000;
const live: RenewalSubscription = {
  id: 'sub_1',
  status: 'active',
  currentPeriodEnd: NOW + 20 * DAY,
  endedAt: null,
};

function refusal(sub: RenewalSubscription): DomainError {
  try {
    renewalExpiry(sub, NOW);
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('renewal was not refused');
}

describe('renewalExpiry: what a SUBSCRIPTION license renews to', () => {
  it('takes a live subscription’s current period end, also one set to cancel or waiting on a payment', () => {
    for (const status of ['active', 'trialing', 'past_due', 'unpaid', 'paused'])
      expect(renewalExpiry({ ...live, status }, NOW), status).toBe(live.currentPeriodEnd);
  });

  it('refuses an ended subscription, naming it, its end day and what renews the customer instead', () => {
    const error = refusal({ ...live, status: 'canceled', endedAt: Date.UTC(2026, 10, 2) });
    expect(error.code).toBe('INVALID_STATE');
    expect(error.message).toContain('subscription sub_1, which ended on 2026-11-02');
    expect(error.message).toContain('cannot be reactivated');
    expect(error.message).toContain('FIXED policy');
  });

  it('refuses one that never started, and one whose period is over without renewing', () => {
    expect(refusal({ ...live, status: 'incomplete' }).message).toContain('never started');
    const paused = refusal({ ...live, status: 'paused', currentPeriodEnd: NOW - DAY });
    expect(paused.message).toBe(
      'Subscription sub_1 is paused and its period ended on 2026-12-06 without renewing: resume the ' +
        'subscription, and the license is extended with its new period.',
    );
    expect(refusal({ ...live, status: 'past_due', currentPeriodEnd: NOW }).message).toContain(
      'is past due and its period ended on 2026-12-07',
    );
  });
});
