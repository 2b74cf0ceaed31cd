import { describe, expect, it } from 'vitest';
import { numberPrefixRange } from './list-invoices';

describe('numberPrefixRange', () => {
  it('turns a typed invoice number into an index range of the numbers starting so', () => {
    expect(numberPrefixRange('INV-0001')).toEqual({ from: 'INV-0001', to: 'INV-0002' });
    expect(numberPrefixRange(' inv000129 ')).toEqual({ from: 'INV-000129', to: 'INV-00012:' });
    expect(numberPrefixRange('INV-9')).toEqual({ from: 'INV-9', to: 'INV-:' });
  });

  it('leaves anything else to the customer search', () => {
    expect(numberPrefixRange('Ada')).toBeNull();
    expect(numberPrefixRange('INV-')).toBeNull();
    expect(numberPrefixRange('INV-12a')).toBeNull();
  });
});
