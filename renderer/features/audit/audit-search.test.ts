import { describe, expect, it } from 'vitest';
import {
  actionChoices,
  actionChoicesWith,
  auditListFilters,
  entityTypeMeant,
  parseAuditSearch,
} from './audit-search';

describe('the audit log URL', () => {
  it('keeps valid filters and drops the rest', () => {
    expect(
      parseAuditSearch({
        actor: ' Ada ',
        entityType: 'invoice',
        action: 'invoice.',
        from: '2026-11-01',
        to: '2026-13-45',
        entityId: 42,
      }),
    ).toEqual({ actor: 'Ada', entityType: 'invoice', action: 'invoice.', from: '2026-11-01' });
    expect(parseAuditSearch({ entityType: 'DROP TABLE', action: 'x'.repeat(81) })).toEqual({});
  });

  it('reads days as whole UTC days, with the end day included', () => {
    expect(auditListFilters({ from: '2026-11-01', to: '2026-11-01' })).toMatchObject({
      from: Date.UTC(2026, 10, 1),
      to: Date.UTC(2026, 10, 2),
    });
    // Reversed days filter nothing rather than everything.
    expect(auditListFilters({ from: '2026-11-05', to: '2026-11-01' })).toMatchObject({
      from: undefined,
      to: undefined,
    });
  });

  it('offers each action and each family of actions', () => {
    expect(actionChoices(['invoice.paid', 'invoice.voided', 'test_clock.advanced'])).toEqual([
      { value: 'invoice.', label: 'Any invoice action' },
      { value: 'test_clock.', label: 'Any test clock action' },
      { value: 'invoice.paid', label: 'invoice.paid' },
      { value: 'invoice.voided', label: 'invoice.voided' },
      { value: 'test_clock.advanced', label: 'test_clock.advanced' },
    ]);
  });
});

describe('an action filter the trail does not hold', () => {
  const facets = { actions: ['payment.failed', 'payment.succeeded'], entityTypes: ['customer', 'invoice'] };

  it('is still offered, so the filter in force shows and can be cleared', () => {
    expect(actionChoicesWith(facets.actions, 'invoice.')[0]).toEqual({
      value: 'invoice.',
      label: 'Any invoice action',
    });
    expect(actionChoicesWith(facets.actions, 'payment.')).toEqual(actionChoices(facets.actions));
  });

  it('points to the entity type it names', () => {
    expect(entityTypeMeant('invoice.', facets)).toBe('invoice');
    expect(entityTypeMeant('invoice.voided', facets)).toBe('invoice');
    expect(entityTypeMeant('payment.', facets)).toBeNull();
    expect(entityTypeMeant('refund.', facets)).toBeNull();
    expect(entityTypeMeant('invoice.', undefined)).toBeNull();
  });
});
