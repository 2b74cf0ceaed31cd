import { describe, expect, it } from 'vitest';
import {
  isReversed,
  parsePaymentsSearch,
  paymentListFilters,
  succeededInMonth,
  utcSpan,
} from './list-search';

describe('payments list search', () => {
  it('keeps a search and a known status', () => {
    expect(parsePaymentsSearch({ q: 'ada', status: 'failed' })).toEqual({ q: 'ada', status: 'failed' });
  });

  it('drops what it does not know', () => {
    expect(parsePaymentsSearch({ q: 3, status: 'refunded', from: '2026-02-30', to: 'March' })).toEqual({});
    expect(paymentListFilters({ status: 'failed' })).toEqual({
      search: '',
      status: 'failed',
      createdFrom: null,
      createdTo: null,
    });
  });

  it('reads days and months as UTC, the last one included', () => {
    expect(utcSpan('2026-02')).toEqual({ start: Date.UTC(2026, 1, 1), end: Date.UTC(2026, 2, 1) });
    expect(utcSpan('2026-12-31')).toEqual({ start: Date.UTC(2026, 11, 31), end: Date.UTC(2027, 0, 1) });
    expect(paymentListFilters(parsePaymentsSearch({ from: '2026-01', to: '2026-02-10' }))).toMatchObject({
      createdFrom: Date.UTC(2026, 0, 1),
      createdTo: Date.UTC(2026, 1, 11),
    });
  });

  it('keeps only the start of a reversed range, and says it is reversed', () => {
    const search = { from: '2026-03-05', to: '2026-03-04' };
    expect(isReversed(search)).toBe(true);
    expect(paymentListFilters(search)).toMatchObject({ createdFrom: Date.UTC(2026, 2, 5), createdTo: null });
    expect(isReversed({ from: '2026-03-05', to: '2026-03-05' })).toBe(false);
  });

  it('opens a month’s succeeded payments from its first day to its last', () => {
    expect(succeededInMonth('2026-02')).toEqual({
      status: 'succeeded',
      from: '2026-02-01',
      to: '2026-02-28',
    });
    expect(paymentListFilters(succeededInMonth('2024-02'))).toMatchObject({
      createdFrom: Date.UTC(2024, 1, 1),
      createdTo: Date.UTC(2024, 2, 1),
    });
  });
});
