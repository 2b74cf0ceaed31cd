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
