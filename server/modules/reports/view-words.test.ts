import { describe, expect, it } from 'vitest';
import { viewInWords } from './view-words';

describe('viewInWords', () => {
  it('names each filter set, times in UTC and the sort with its direction', () => {
    expect(
      viewInWords(
        {
          status: 'paid',
          search: '',
          issuedFrom: Date.UTC(2026, 0, 1),
          sort: { field: 'createdAt', direction: 'asc' },
        },
        { issuedFrom: 'Issued from' },
      ),
    ).toBe('Status: paid; Issued from: 2026-01-01 00:00 UTC; Sort: Created at, ascending');
  });

  it('writes a time filter named …Before (the Licenses list’s expiry window) as a time', () => {
    expect(
      viewInWords({ expiringBefore: Date.UTC(2026, 11, 15) }, { expiringBefore: 'Expiring before' }),
    ).toBe('Expiring before: 2026-12-15 00:00 UTC');
  });

  it('says so when nothing narrows the list', () => {
    expect(viewInWords({ search: '', customerId: null })).toBe('None (the whole list)');
  });
});
