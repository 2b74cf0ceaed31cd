import { describe, expect, it } from 'vitest';
import { parseStripeEventsSearch, stripeEventListFilters } from './list-search';

describe('the webhook events list in the URL', () => {
  it('keeps known statuses, handled types and ranges, and drops anything else', () => {
    expect(parseStripeEventsSearch({ status: 'dead', type: 'invoice.payment_failed', since: '7d' })).toEqual({
      status: 'dead',
      type: 'invoice.payment_failed',
      since: '7d',
    });
    expect(parseStripeEventsSearch({ status: 'lost', type: 'drop table', since: '1y' })).toEqual({});
  });

  it('turns a range into a start time counted back from now', () => {
    expect(stripeEventListFilters({ since: '24h' }, 100_000_000)).toEqual({
      status: null,
      type: null,
      from: 100_000_000 - 86_400_000,
    });
    expect(stripeEventListFilters({}, 5)).toEqual({ status: null, type: null, from: null });
  });
});
