import { describe, expect, it } from 'vitest';
import { subscriptionNotices } from './notices';
import type { Subscription } from './types';

const active: Subscription = {
  id: 'sub_1',
  customerId: 'cus_1',
  planId: 'pln_1',
  priceId: 'pri_1',
  quantity: 1,
  currency: 'USD',
  status: 'active',
  billingAnchor: 0,
  currentPeriodStart: 0,
  currentPeriodEnd: Date.parse('2026-12-21T12:00:00Z'),
  trialStart: null,
  trialEnd: null,
  trialEndBehavior: 'cancel',
  cancelAtPeriodEnd: false,
  canceledAt: null,
  endedAt: null,
  pausedAt: null,
  resumeAt: null,
  pendingPriceId: null,
  pendingQuantity: null,
  paymentMethodId: null,
  managedBy: 'tollgate',
  version: 1,
  createdAt: 0,
  updatedAt: 0,
};

describe('subscriptionNotices', () => {
  it('has nothing to say about a healthy active subscription', () => {
    expect(subscriptionNotices(active)).toEqual([]);
  });

  it('warns of a scheduled cancellation with its date', () => {
    const [notice] = subscriptionNotices({ ...active, cancelAtPeriodEnd: true });
    expect(notice?.title).toMatch(/^Cancels on .*2026/);
    expect(notice?.message).toMatch(/keeps access until then/);
  });

  it('says when a past-due subscription is retried next, and until when it keeps access', () => {
    const recovery = {
      invoiceId: 'inv_1',
      status: 'retrying' as const,
      attempts: 2,
      maxAttempts: 4,
      nextAttemptAt: Date.parse('2026-02-01T09:30:00Z'),
      graceEndsAt: Date.parse('2026-02-12T09:30:00Z'),
      customerPaused: false,
    };
    const [notice] = subscriptionNotices({ ...active, status: 'past_due' }, recovery);
    expect(notice?.title).toMatch(/^Past due · next retry .*2026/);
    expect(notice?.message).toMatch(/attempt 2 of 4/);
    expect(notice?.message).toMatch(/Access continues until .*2026/);
  });

  it('explains trouble states', () => {
    expect(subscriptionNotices({ ...active, status: 'past_due' }).map((n) => n.title)).toEqual(['Past due']);
    expect(subscriptionNotices({ ...active, status: 'paused' })[0]?.message).toBe(
      'No invoices until someone resumes it.',
    );
  });
});
