import { describe, expect, it } from 'vitest';
import { parseSubscriptionsSearch, subscriptionListFilters } from './list-search';

const PLAN = 'pln_01M7Y8563RVX443B5RETWJ8DS2';

describe('parseSubscriptionsSearch', () => {
  it('keeps a valid view', () => {
    expect(parseSubscriptionsSearch({ q: 'ada', status: 'past_due', plan: PLAN })).toEqual({
      q: 'ada',
      status: 'past_due',
      plan: PLAN,
    });
  });

  it('drops what a hand-edited URL got wrong', () => {
    expect(parseSubscriptionsSearch({ q: '  ', status: 'expired', plan: 'pro' })).toEqual({});
  });
});

describe('subscriptionListFilters', () => {
  it('means every subscription when nothing is chosen', () => {
    expect(subscriptionListFilters({})).toEqual({ search: '', status: null, planId: null, managedBy: null });
  });

  it('filters by who bills, from the URL', () => {
    expect(parseSubscriptionsSearch({ billedBy: 'stripe' })).toEqual({ billedBy: 'stripe' });
    expect(parseSubscriptionsSearch({ billedBy: 'paypal' })).toEqual({});
    expect(subscriptionListFilters({ billedBy: 'stripe' })).toMatchObject({ managedBy: 'stripe' });
  });
});
