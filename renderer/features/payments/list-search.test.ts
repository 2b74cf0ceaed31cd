import { describe, expect, it } from 'vitest';
import { parsePaymentsSearch, paymentListFilters } from './list-search';

describe('payments list search', () => {
  it('keeps a search and a known status', () => {
    expect(parsePaymentsSearch({ q: 'ada', status: 'failed' })).toEqual({ q: 'ada', status: 'failed' });
  });

  it('drops what it does not know', () => {
    expect(parsePaymentsSearch({ q: 3, status: 'refunded' })).toEqual({});
    expect(paymentListFilters({ status: 'failed' })).toEqual({ search: '', status: 'failed' });
  });
});
