import { describe, expect, it } from 'vitest';
import { queryInput } from './run-procedure';

describe('queryInput (query parameters as trpc-to-openapi reads them)', () => {
  it('keeps one value as itself and a repeated one as a list, decoded', () => {
    expect(queryInput('customer=cus_1&feature=courses%2Emax&tag=a&tag=b&tag=c', [])).toEqual({
      customer: 'cus_1',
      feature: 'courses.max',
      tag: ['a', 'b', 'c'],
    });
  });

  it('makes a one-item list of a single value where the schema holds a list', () => {
    expect(queryInput('status=open&limit=5', ['status'])).toEqual({ status: ['open'], limit: '5' });
    expect(queryInput('', ['status'])).toEqual({});
  });
});
