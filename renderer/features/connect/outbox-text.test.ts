import { describe, expect, it } from 'vitest';
import { recordRoute } from './outbox-text';

describe('recordRoute', () => {
  it('leads to the record’s own page where there is one', () => {
    expect(recordRoute({ table: 'customers', key: 'cus_1' })).toEqual({
      to: '/customers/$id',
      params: { id: 'cus_1' },
    });
    expect(recordRoute({ table: 'invoices', key: 'inv_1' })?.to).toBe('/invoices/$id');
    expect(recordRoute({ table: 'subscriptions', key: 'sub_1' })?.to).toBe('/subscriptions/$id');
  });

  it('has no link for a record without a page, or no record', () => {
    expect(recordRoute({ table: 'refunds', key: 're_1' })).toBeNull();
    expect(recordRoute(null)).toBeNull();
  });
});
