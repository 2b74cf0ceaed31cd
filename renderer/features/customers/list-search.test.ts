import { describe, expect, it } from 'vitest';
import { listInputFor, parseCustomersSearch } from './list-search';

describe('parseCustomersSearch', () => {
  it('keeps a valid view', () => {
    expect(
      parseCustomersSearch({ q: 'ada', status: 'archived', country: 'DE', sort: 'name', dir: 'asc' }),
    ).toEqual({ q: 'ada', status: 'archived', country: 'DE', sort: 'name', dir: 'asc' });
  });

  it('drops what a hand-edited URL got wrong', () => {
    expect(
      parseCustomersSearch({ q: 42, status: 'deleted', country: 'XX', sort: 'password', dir: 'up' }),
    ).toEqual({});
  });
});

describe('listInputFor', () => {
  it('fills in the defaults: active customers, newest first', () => {
    expect(listInputFor({})).toEqual({
      search: '',
      status: 'active',
      country: null,
      sort: { field: 'createdAt', direction: 'desc' },
    });
  });

  it('sorts a chosen field ascending unless told otherwise', () => {
    expect(listInputFor({ sort: 'name' }).sort).toEqual({ field: 'name', direction: 'asc' });
    expect(listInputFor({ sort: 'name', dir: 'desc' }).sort).toEqual({ field: 'name', direction: 'desc' });
  });
});
