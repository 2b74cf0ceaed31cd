import { describe, expect, it } from 'vitest';
import type { EntitlementSource } from '../../../shared/catalog/entitlements';
import { entitlementValue, entitlementWhy, sourceName } from './entitlement-text';

const pro: EntitlementSource = {
  kind: 'subscription',
  subscriptionId: 'sub_1',
  status: 'active',
  cancelAtPeriodEnd: false,
  planId: 'pln_pro',
  planName: 'Pro',
  grants: true,
  label: 'Pro plan · subscription sub_1 (active)',
};
const lapsed: EntitlementSource = {
  ...pro,
  subscriptionId: 'sub_0',
  planName: 'Team',
  status: 'canceled',
  grants: false,
  label: 'Team plan · subscription sub_0 (canceled)',
};
const free: EntitlementSource = {
  kind: 'default_plan',
  planId: 'pln_free',
  planName: 'Free',
  grants: true,
  label: 'Free plan (workspace default, no active subscription)',
};

describe('entitlementValue', () => {
  it('reads flags as on, limits as a cap or unlimited, and 0 as not included', () => {
    expect(entitlementValue({ kind: 'flag', allowed: true, limit: null })).toBe('On');
    expect(entitlementValue({ kind: 'limit', allowed: true, limit: 1000 }, 'en-US')).toBe('Up to 1,000');
    expect(entitlementValue({ kind: 'limit', allowed: true, limit: null })).toBe('Unlimited');
    expect(entitlementValue({ kind: 'limit', allowed: false, limit: 0 })).toBe('Not included');
    expect(entitlementValue({ kind: 'flag', allowed: false, limit: 0 })).toBe('Not included');
  });
});

describe('entitlementWhy', () => {
  it('names the plan that grants a feature, marking the workspace default', () => {
    expect(entitlementWhy({ allowed: true, grantedBy: [pro.label], reason: 'x' }, [pro, lapsed])).toBe(
      'From Pro plan',
    );
    expect(entitlementWhy({ allowed: true, grantedBy: [free.label], reason: 'x' }, [free])).toBe(
      'From Free plan (workspace default)',
    );
    expect(sourceName(free)).toBe('Free plan (workspace default)');
  });

  it('names the plans that apply but leave a feature out, ignoring subscriptions that grant nothing', () => {
    expect(entitlementWhy({ allowed: false, grantedBy: [], reason: 'x' }, [pro, lapsed])).toBe(
      'Not in Pro plan',
    );
  });

  it('falls back to the server’s reason when no plan applies', () => {
    const reason = 'No subscription, and the workspace has no default plan';
    expect(entitlementWhy({ allowed: false, grantedBy: [], reason }, [])).toBe(reason);
  });
});
