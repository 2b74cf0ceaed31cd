import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  applyFollow,
  followSubscription,
  type FollowContext,
  type FollowedSubscription,
  type FollowingLicense,
} from './follow';

const DAY = 86_400_000;
const START = Date.UTC(2026, 0, 15, 9, 30);

const subscription = (over: Partial<FollowedSubscription> = {}): FollowedSubscription => ({
  id: 'sub_1',
  customerId: 'cus_1',
  planId: 'pln_pro',
  status: 'active',
  currentPeriodEnd: START + 30 * DAY,
  cancelAtPeriodEnd: false,
  endedAt: null,
  updatedAt: START,
  ...over,
});

const license = (over: Partial<FollowingLicense> = {}): FollowingLicense => ({
  id: 'lic_1',
  customerId: 'cus_1',
  subscriptionId: 'sub_1',
  status: 'ACTIVE',
  policyId: 'pol_pro',
  policyPlanId: 'pln_pro',
  durationKind: 'SUBSCRIPTION',
  expiresAt: START,
  pastDueGraceEndsAt: null,
  expiryRemindedDays: 7,
  ...over,
});

const context: FollowContext = { graceEndsAt: START + 14 * DAY, planPolicies: ['pol_ent'] };

describe('a SUBSCRIPTION license', () => {
  it('is extended to the new period end by a renewal, and its reminders start over', () => {
    const follow = followSubscription(subscription({ updatedAt: START + 1 }), license(), context);
    expect(follow).toEqual({
      patch: { expiresAt: START + 30 * DAY, renewedAt: START + 1, expiryRemindedDays: null },
      effects: ['renewed'],
      attention: null,
    });
  });

  it('expires at the period end when the subscription cancels then, and at the end when it ends', () => {
    const canceling = followSubscription(subscription({ cancelAtPeriodEnd: true }), license(), context);
    expect(canceling?.patch.expiresAt).toBe(START + 30 * DAY);
    expect(canceling?.effects).toEqual(['expires_at_period_end']);
    const ended = subscription({ status: 'canceled', endedAt: START + 3 * DAY });
    const follow = followSubscription(ended, license({ expiresAt: START + 30 * DAY }), context);
    expect(follow?.patch).toEqual({ expiresAt: START + 3 * DAY });
    expect(follow?.effects).toEqual(['ended']);
  });

  it('keeps access until the recovery grace end while past due, and loses the mark once paid', () => {
    const live = license({ expiresAt: START + 30 * DAY });
    const pastDue = followSubscription(subscription({ status: 'past_due' }), live, context);
    expect(pastDue?.patch).toEqual({ pastDueGraceEndsAt: START + 14 * DAY });
    // A later write while still past due keeps the first grace end (nothing to do).
    const marked = license({ expiresAt: START + 30 * DAY, pastDueGraceEndsAt: START + 14 * DAY });
    expect(followSubscription(subscription({ status: 'past_due' }), marked, context)).toBeNull();
    expect(followSubscription(subscription(), marked, context)?.patch).toEqual({ pastDueGraceEndsAt: null });
  });

  it('moves to the new plan’s only policy, and stays (needing attention) when there is none or several', () => {
    const live = license({ expiresAt: START + 30 * DAY });
    const moved = subscription({ planId: 'pln_ent' });
    expect(followSubscription(moved, live, context)?.patch).toEqual({ policyId: 'pol_ent' });
    for (const planPolicies of [[], ['pol_a', 'pol_b']]) {
      const follow = followSubscription(moved, live, { ...context, planPolicies });
      expect(follow?.patch).toEqual({});
      expect(follow?.effects).toEqual(['plan_unmatched']);
      expect(follow?.attention).toContain('pln_ent');
    }
  });
});

describe('a FIXED license', () => {
  it('keeps its own expiry through renewals and plan changes, and takes only the status effects', () => {
    const fixed = license({ durationKind: 'FIXED', expiresAt: START + 365 * DAY });
    expect(followSubscription(subscription({ planId: 'pln_ent' }), fixed, context)).toBeNull();
    expect(followSubscription(subscription({ status: 'past_due' }), fixed, context)?.patch).toEqual({
      pastDueGraceEndsAt: START + 14 * DAY,
    });
    const ended = subscription({ status: 'canceled', endedAt: START + DAY });
    expect(followSubscription(ended, fixed, context)?.patch).toEqual({ expiresAt: START + DAY });
  });
});

const statuses = fc.constantFrom(
  'incomplete',
  'trialing',
  'active',
  'past_due',
  'paused',
  'canceled',
  'unpaid',
);
const instant = fc.integer({ min: START, max: START + 800 * DAY });
const arbSubscription: fc.Arbitrary<FollowedSubscription> = fc
  .record({
    id: fc.constantFrom('sub_1', 'sub_2'),
    customerId: fc.constantFrom('cus_1', 'cus_2'),
    planId: fc.constantFrom('pln_pro', 'pln_ent'),
    status: statuses,
    currentPeriodEnd: instant,
    cancelAtPeriodEnd: fc.boolean(),
    endedAt: fc.option(instant, { nil: null }),
    updatedAt: instant,
  })
  .map((s) => (s.status === 'canceled' ? s : { ...s, endedAt: null }));
const arbLicense: fc.Arbitrary<FollowingLicense> = fc.record({
  id: fc.constant('lic_1'),
  customerId: fc.constantFrom('cus_1', 'cus_2'),
  subscriptionId: fc.constantFrom('sub_1', 'sub_2', null),
  status: fc.constantFrom('ACTIVE', 'SUSPENDED', 'REVOKED'),
  policyId: fc.constant('pol_pro'),
  policyPlanId: fc.constantFrom('pln_pro', 'pln_ent', null),
  durationKind: fc.constantFrom('FIXED', 'SUBSCRIPTION'),
  expiresAt: fc.option(instant, { nil: null }),
  pastDueGraceEndsAt: fc.option(instant, { nil: null }),
  expiryRemindedDays: fc.constantFrom(null, 30, 7, 1),
});
const arbContext: fc.Arbitrary<FollowContext> = fc.record({
  graceEndsAt: instant,
  planPolicies: fc.subarray(['pol_a', 'pol_b']),
});

describe('properties', () => {
  it('a license never follows another customer’s subscription, or another subscription', () => {
    fc.assert(
      fc.property(arbSubscription, arbLicense, arbContext, (s, l, c) => {
        if (l.customerId !== s.customerId || l.subscriptionId !== s.id)
          expect(followSubscription(s, l, c)).toBeNull();
      }),
    );
  });

  it('a live SUBSCRIPTION license never expires before the period end its subscription has reached', () => {
    fc.assert(
      fc.property(arbSubscription, arbLicense, arbContext, (s, l, c) => {
        const follow = followSubscription(s, l, c);
        const after = follow ? applyFollow(l, follow) : l;
        const live = s.status !== 'canceled' && l.status !== 'REVOKED';
        if (
          live &&
          l.durationKind === 'SUBSCRIPTION' &&
          l.subscriptionId === s.id &&
          l.customerId === s.customerId
        )
          expect(after.expiresAt).toBe(s.currentPeriodEnd);
      }),
    );
  });

  it('following the same write twice changes nothing the second time (bar an unresolved plan)', () => {
    fc.assert(
      fc.property(arbSubscription, arbLicense, arbContext, (s, l, c) => {
        const first = followSubscription(s, l, c);
        if (!first) return;
        // The new policy is one of the subscription's plan.
        const moved = first.patch.policyId ? { policyPlanId: s.planId } : {};
        const again = followSubscription(s, { ...applyFollow(l, first), ...moved }, c);
        if (again) expect(again.effects).toEqual(['plan_unmatched']);
      }),
    );
  });

  it('a FIXED license is never extended, and never moved to another policy', () => {
    fc.assert(
      fc.property(arbSubscription, arbLicense, arbContext, (s, l, c) => {
        const follow = followSubscription(s, { ...l, durationKind: 'FIXED' }, c);
        if (!follow) return;
        expect(follow.patch.policyId).toBeUndefined();
        if (follow.patch.expiresAt !== undefined && l.expiresAt !== null)
          expect(follow.patch.expiresAt).toBeLessThan(l.expiresAt);
      }),
    );
  });

  it('a revoked license never changes', () => {
    fc.assert(
      fc.property(arbSubscription, arbLicense, arbContext, (s, l, c) => {
        expect(followSubscription(s, { ...l, status: 'REVOKED' }, c)).toBeNull();
      }),
    );
  });
});
