import { describe, expect, it } from 'vitest';
import { changesSummary, changeText, valueText } from './change-text';

describe('audit change text', () => {
  it('shows values as people read them', () => {
    expect(valueText('name', null)).toBe('—');
    expect(valueText('amount', 1250)).toBe('1250');
    expect(valueText('paidAt', Date.UTC(2026, 10, 21, 9, 5))).toMatch(/2026/);
    expect(valueText('notes', 'x'.repeat(200))).toHaveLength(120);
    expect(valueText('lines', [{ a: 1 }])).toBe('[{"a":1}]');
  });

  it('shows amounts in their currency, not as raw minor units', () => {
    expect(valueText('amount', 2000, 'USD')).toBe('$20.00');
    expect(valueText('amountRefunded', 2000, 'EUR')).toBe('€20.00');
    expect(valueText('total', 1000, 'JPY')).toBe('¥1,000');
    expect(changeText({ field: 'amount', before: null, after: 2000 }, 'USD')).toBe('amount: — → $20.00');
    expect(changesSummary([{ field: 'amountPaid', before: 0, after: 9900 }], 2, 'USD')).toBe(
      'amountPaid: $0.00 → $99.00',
    );
    // Not an amount, or no currency known: as stored.
    expect(valueText('quantity', 2, 'USD')).toBe('2');
    expect(valueText('amount', 2000, null)).toBe('2000');
  });

  it('summarises a row’s changes', () => {
    const changes = [
      { field: 'name', before: 'Ada', after: 'Ada L.' },
      { field: 'email', before: 'a@x.example', after: 'ada@x.example' },
      { field: 'country', before: 'GB', after: 'FR' },
    ];
    expect(changeText(changes[0] as (typeof changes)[0])).toBe('name: Ada → Ada L.');
    expect(changesSummary(changes)).toBe('name: Ada → Ada L.; email: a@x.example → ada@x.example; +1 more');
    expect(changesSummary([])).toBe('');
  });
});
