import { describe, expect, it } from 'vitest';
import { invoiceListFilters, parseInvoicesSearch } from './list-search';

describe('invoices list search', () => {
  it('keeps a number search and a known status', () => {
    expect(parseInvoicesSearch({ q: 'INV-000012', status: 'open' })).toEqual({
      q: 'INV-000012',
      status: 'open',
    });
  });

  it('drops unknown statuses and empty searches', () => {
    expect(parseInvoicesSearch({ q: ' ', status: 'overdue' })).toEqual({});
    expect(invoiceListFilters({})).toEqual({ search: '', status: null });
  });
});
