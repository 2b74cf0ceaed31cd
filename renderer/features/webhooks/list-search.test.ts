import { describe, expect, it } from 'vitest';
import { parseWebhooksSearch, webhookListFilters } from './list-search';

describe('the webhook events list in the URL', () => {
  it('keeps known statuses, handled types and ranges, and drops anything else', () => {
    expect(parseWebhooksSearch({ status: 'dead', type: 'invoice.payment_failed', since: '7d' })).toEqual({
      status: 'dead',
      type: 'invoice.payment_failed',
      since: '7d',
    });
    expect(parseWebhooksSearch({ status: 'lost', type: 'drop table', since: '1y' })).toEqual({});
  });

  it('turns a range into a start time counted back from now', () => {
    expect(webhookListFilters({ since: '24h' }, 100_000_000)).toEqual({
      status: null,
      type: null,
      from: 100_000_000 - 86_400_000,
    });
    expect(webhookListFilters({}, 5)).toEqual({ status: null, type: null, from: null });
  });
});
