import { describe, expect, it } from 'vitest';
import { registerPageActions, currentPageActions } from './page-actions';

describe('page actions', () => {
  it('are offered while registered and gone once the page leaves', () => {
    const run = () => undefined;
    const leave = registerPageActions([{ id: 'new-tenant', label: 'New tenant', run }]);
    const leaveOther = registerPageActions([{ id: 'invite', label: 'Invite', run }]);
    expect(currentPageActions().map((a) => a.id)).toEqual(['new-tenant', 'invite']);
    leave();
    expect(currentPageActions().map((a) => a.id)).toEqual(['invite']);
    leaveOther();
    expect(currentPageActions()).toEqual([]);
  });
});
