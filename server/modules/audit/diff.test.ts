import { describe, expect, it } from 'vitest';
import { diffSnapshots } from './diff';

describe('diffSnapshots', () => {
  it('lists changed fields only, sorted, without bookkeeping fields', () => {
    expect(
      diffSnapshots(
        { name: 'Ada', email: 'a@x.io', version: 1, updatedAt: 1, company: null },
        { name: 'Ada L.', email: 'a@x.io', version: 2, updatedAt: 2, company: 'Analytical' },
      ),
    ).toEqual([
      { field: 'company', before: null, after: 'Analytical' },
      { field: 'name', before: 'Ada', after: 'Ada L.' },
    ]);
  });

  it('treats a creation as every field going from nothing to its value', () => {
    expect(diffSnapshots(null, { name: 'Ada' })).toEqual([{ field: 'name', before: null, after: 'Ada' }]);
  });
});
