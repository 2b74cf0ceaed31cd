import { describe, expect, it } from 'vitest';
import { emailListFilters, parseEmailsSearch } from './list-search';

describe('the emails list view in the URL', () => {
  it('keeps a known status and template', () => {
    expect(parseEmailsSearch({ status: 'failed', template: 'final_notice' })).toEqual({
      status: 'failed',
      template: 'final_notice',
    });
  });

  it('drops anything else, so a hand-edited URL still opens the list', () => {
    expect(parseEmailsSearch({ status: 'bounced', template: 42, q: 'x' })).toEqual({});
    expect(emailListFilters({})).toEqual({ status: null, template: null });
  });
});
