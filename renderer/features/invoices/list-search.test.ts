import { describe, expect, it } from 'vitest';
import { dayStart, invoiceListFilters, parseInvoicesSearch } from './list-search';

describe('invoices list search', () => {
  it('keeps a number search, a known status and refund state, and calendar days', () => {
    expect(
      parseInvoicesSearch({
        q: 'INV-000012',
        status: 'open',
        refund: 'partially_refunded',
        from: '2026-12-01',
        to: '2026-12-31',
      }),
    ).toEqual({
      q: 'INV-000012',
      status: 'open',
      refund: 'partially_refunded',
      from: '2026-12-01',
      to: '2026-12-31',
    });
  });

  it('drops unknown statuses, refund states, days and empty searches', () => {
    expect(
      parseInvoicesSearch({ q: ' ', status: 'overdue', refund: 'some', from: '2026-02-30', to: 'soon' }),
    ).toEqual({});
    expect(invoiceListFilters({})).toEqual({
      search: '',
      status: null,
      refund: null,
      issuedFrom: null,
      issuedTo: null,
    });
  });

  it('asks for invoices from the first day’s start up to the end of the last day, in local time', () => {
    const filters = invoiceListFilters({ from: '2026-12-06', to: '2026-12-06' });
    expect(filters.issuedFrom).toBe(new Date(2026, 11, 6).getTime());
    expect(filters.issuedTo).toBe(new Date(2026, 11, 7).getTime());
  });

  it('ignores an end before the start rather than asking for nothing', () => {
    const filters = invoiceListFilters({ from: '2026-12-06', to: '2026-12-01' });
    expect(filters).toMatchObject({ issuedFrom: dayStart('2026-12-06'), issuedTo: null });
  });
});
