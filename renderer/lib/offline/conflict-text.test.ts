import { describe, expect, it } from 'vitest';
import { conflictText, fieldLabel } from './conflict-text';

describe('conflictText', () => {
  it('names the field and both values', () => {
    expect(conflictText({ field: 'company', theirs: 'Acme', yours: 'Acme Ltd' })).toBe(
      'Company — theirs: Acme, yours: Acme Ltd',
    );
  });

  it('says (empty) for a cleared value and spells out field names', () => {
    expect(conflictText({ field: 'notes', theirs: null, yours: 'Call first' })).toBe(
      'Notes — theirs: (empty), yours: Call first',
    );
    expect(fieldLabel('default_payment_method')).toBe('Default payment method');
    expect(fieldLabel('expectedVersion')).toBe('Expected version');
  });
});
