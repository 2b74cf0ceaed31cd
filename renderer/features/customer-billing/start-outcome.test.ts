import { describe, expect, it } from 'vitest';
import { describeStart } from './start-outcome';
import type { SubscriptionStart } from './types';

const start = (status: string, payment: unknown = null) =>
  ({
    subscription: { status, trialEnd: Date.UTC(2026, 0, 15) },
    invoice: null,
    payment,
  }) as unknown as SubscriptionStart;

describe('describeStart', () => {
  it('confirms a trial with its end date, and an active start', () => {
    expect(describeStart(start('trialing'))).toMatchObject({ tone: 'success', title: 'Trial started' });
    expect(describeStart(start('trialing')).message).toMatch(/until Jan 15, 2026/);
    expect(describeStart(start('active', { outcome: 'paid' }))).toEqual({
      tone: 'success',
      title: 'Subscription started',
      message: 'It is active; the first invoice was paid.',
    });
  });

  it('shows the gateway’s failure message when the first charge failed', () => {
    const outcome = describeStart(
      start('incomplete', {
        outcome: 'failed',
        payment: { failureMessage: 'The card has insufficient funds.' },
      }),
    );
    expect(outcome.tone).toBe('error');
    expect(outcome.message).toMatch(/^The card has insufficient funds\. The subscription stays incomplete/);
  });

  it('says when the bank wants authentication', () => {
    expect(describeStart(start('incomplete', { outcome: 'requires_action' }))).toMatchObject({
      tone: 'warning',
      title: 'The payment needs authentication',
    });
  });
});
