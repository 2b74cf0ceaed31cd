import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { describeFeature } from './explain';
import {
  capIn,
  combineCaps,
  grantsAccess,
  resolveEntitlements,
  type Cap,
  type CustomerSubscription,
  type SubscriptionStatus,
  type TenantCatalog,
} from './rules';

const STATUSES: SubscriptionStatus[] = [
  'trialing',
  'active',
  'past_due',
  'paused',
  'canceled',
  'unpaid',
  'incomplete',
];
/** When the rules are asked; only a past-due subscription's grace end compares with it. */
const NOW = Date.UTC(2026, 0, 20);
const NON_GRANTING = STATUSES.filter((status) => !grantsAccess(status));
const KEYS = ['courses.max', 'students.max', 'api.access'];

// Any whole limit a plan may store, up to 2^53 − 1: combining caps must hold across all of them.
const cap = fc.oneof(fc.constant(null), fc.maxSafeNat());

const catalogArb = fc
  .record({
    plans: fc.array(fc.dictionary(fc.constantFrom(...KEYS), cap), { minLength: 1, maxLength: 4 }),
    defaultIndex: fc.option(fc.nat({ max: 3 }), { nil: null }),
  })
  .map(({ plans, defaultIndex }): TenantCatalog => {
    const features = KEYS.map((key) => ({ key, name: key, kind: 'limit' as const }));
    return {
      features,
      featuresByKey: new Map(features.map((f) => [f.key, f])),
      plans: new Map(
        plans.map((caps, i) => [
          `pln_${i}`,
          { id: `pln_${i}`, name: `P${i}`, caps: new Map(Object.entries(caps)) },
        ]),
      ),
      defaultPlanId: defaultIndex !== null && defaultIndex < plans.length ? `pln_${defaultIndex}` : null,
    };
  });

const subscriptionsArb = (statuses: SubscriptionStatus[]) =>
  fc.array(
    fc.record({
      id: fc.uuid().map((u) => `sub_${u}`),
      status: fc.constantFrom(...statuses),
      cancelAtPeriodEnd: fc.boolean(),
      plan: fc.nat({ max: 3 }),
    }),
    { maxLength: 5 },
  );

function subscriptionsIn(
  catalog: TenantCatalog,
  raw: { id: string; status: SubscriptionStatus; cancelAtPeriodEnd: boolean; plan: number }[],
) {
  return raw.map(({ plan, ...rest }): CustomerSubscription => ({
    ...rest,
    planId: `pln_${plan % catalog.plans.size}`,
  }));
}

const capsOf = (catalog: TenantCatalog, subscriptions: CustomerSubscription[]) =>
  [...resolveEntitlements(catalog, subscriptions, NOW).caps].sort(([a], [b]) => a.localeCompare(b));

describe('combineCaps', () => {
  it('is commutative and associative, with 0 as identity and unlimited absorbing', () => {
    fc.assert(
      fc.property(cap, cap, cap, (a, b, c) => {
        expect(combineCaps(a, b)).toBe(combineCaps(b, a));
        expect(combineCaps(combineCaps(a, b), c)).toBe(combineCaps(a, combineCaps(b, c)));
        expect(combineCaps(a, 0)).toBe(a);
        expect(combineCaps(a, null)).toBeNull();
        expect(combineCaps(a, a)).toBe(a);
      }),
    );
  });

  it('reads flags as OR: on is null, off is 0', () => {
    const on: Cap = null;
    const off: Cap = 0;
    expect(combineCaps(on, off)).toBe(on);
    expect(combineCaps(off, off)).toBe(off);
  });
});

describe('resolveEntitlements', () => {
  it('does not depend on the order of subscriptions', () => {
    fc.assert(
      fc.property(catalogArb, subscriptionsArb(STATUSES), fc.func(fc.integer()), (catalog, raw, order) => {
        const subscriptions = subscriptionsIn(catalog, raw);
        const shuffled = [...subscriptions].sort((x, y) => order(x.id) - order(y.id));
        expect(capsOf(catalog, shuffled)).toEqual(capsOf(catalog, subscriptions));
      }),
    );
  });

  it('never grants anything more for a subscription whose status grants nothing', () => {
    fc.assert(
      fc.property(
        catalogArb,
        subscriptionsArb(STATUSES),
        subscriptionsArb(NON_GRANTING),
        (catalog, raw, extra) => {
          const subscriptions = subscriptionsIn(catalog, raw);
          const withExtra = [...subscriptions, ...subscriptionsIn(catalog, extra)];
          expect(capsOf(catalog, withExtra)).toEqual(capsOf(catalog, subscriptions));
        },
      ),
    );
  });

  it('combines the plans of granting subscriptions, or falls back to the default plan', () => {
    fc.assert(
      fc.property(catalogArb, subscriptionsArb(STATUSES), (catalog, raw) => {
        const subscriptions = subscriptionsIn(catalog, raw);
        const granting = subscriptions.filter((s) => grantsAccess(s.status)).map((s) => s.planId);
        const applied = granting.length > 0 ? granting : catalog.defaultPlanId ? [catalog.defaultPlanId] : [];
        const expected = KEYS.map((key): [string, Cap] => [
          key,
          applied.reduce<Cap>((acc, id) => combineCaps(acc, capIn(catalog.plans.get(id)?.caps, key)), 0),
        ]).filter(([, value]) => value !== 0);
        expect(capsOf(catalog, subscriptions)).toEqual(expected.sort(([a], [b]) => a.localeCompare(b)));
      }),
    );
  });
});

describe('explanations', () => {
  const features = [
    { key: 'courses.max', name: 'Courses', kind: 'limit' as const },
    { key: 'api.access', name: 'API access', kind: 'flag' as const },
  ];
  const catalog: TenantCatalog = {
    features,
    featuresByKey: new Map(features.map((f) => [f.key, f])),
    plans: new Map([
      ['pln_free', { id: 'pln_free', name: 'Free', caps: new Map([['courses.max', 3]]) }],
      [
        'pln_pro',
        {
          id: 'pln_pro',
          name: 'Pro',
          caps: new Map<string, Cap>([
            ['courses.max', 50],
            ['api.access', null],
          ]),
        },
      ],
    ]),
    defaultPlanId: 'pln_free',
  };
  const [courses, api] = features as [(typeof features)[0], (typeof features)[1]];

  it('names the deciding subscription, and lists the ones that grant nothing', () => {
    const resolved = resolveEntitlements(
      catalog,
      [
        { id: 'sub_old', status: 'canceled', cancelAtPeriodEnd: false, planId: 'pln_pro' },
        { id: 'sub_new', status: 'active', cancelAtPeriodEnd: true, planId: 'pln_pro' },
      ],
      NOW,
    );
    expect(resolved.sources.map((s) => s.label)).toEqual([
      'Pro plan · subscription sub_old (canceled: grants nothing)',
      'Pro plan · subscription sub_new (active, cancels at period end)',
    ]);
    expect(describeFeature(catalog, resolved, courses)).toEqual({
      key: 'courses.max',
      name: 'Courses',
      kind: 'limit',
      allowed: true,
      limit: 50,
      grantedBy: ['Pro plan · subscription sub_new (active, cancels at period end)'],
      reason: 'Up to 50 — from Pro plan · subscription sub_new (active, cancels at period end)',
    });
  });

  it('falls back to the default plan and says so when nothing grants access', () => {
    const resolved = resolveEntitlements(
      catalog,
      [{ id: 'sub_p', status: 'paused', cancelAtPeriodEnd: false, planId: 'pln_pro' }],
      NOW,
    );
    expect(describeFeature(catalog, resolved, courses).reason).toBe(
      'Up to 3 — from Free plan (workspace default, no active subscription)',
    );
    expect(describeFeature(catalog, resolved, api)).toMatchObject({
      allowed: false,
      limit: 0,
      grantedBy: [],
      reason: 'Not included in Free plan (workspace default, no active subscription)',
    });
    const noDefault = { ...catalog, defaultPlanId: null };
    expect(describeFeature(noDefault, resolveEntitlements(noDefault, [], NOW), api).reason).toBe(
      'No subscription, and the workspace has no default plan',
    );
  });

  it('grants a past-due subscription until its grace period ends, and says which', () => {
    const graceEndsAt = Date.UTC(2026, 1, 2);
    const pastDue = {
      id: 'sub_d',
      status: 'past_due',
      cancelAtPeriodEnd: false,
      planId: 'pln_pro',
      graceEndsAt,
    } as const;
    const during = resolveEntitlements(catalog, [pastDue], graceEndsAt - 1);
    expect(describeFeature(catalog, during, courses)).toMatchObject({
      allowed: true,
      limit: 50,
      grantedBy: ['Pro plan · subscription sub_d (past due, in grace period until Feb 2, 2026)'],
    });
    const after = resolveEntitlements(catalog, [pastDue], graceEndsAt);
    expect(after.sources[0]).toMatchObject({
      grants: false,
      label: 'Pro plan · subscription sub_d (past due, grace period over)',
    });
    expect(describeFeature(catalog, after, courses).reason).toBe(
      'Up to 3 — from Free plan (workspace default, no active subscription)',
    );
  });
});
