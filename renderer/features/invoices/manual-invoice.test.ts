import { describe, expect, it } from 'vitest';
import { parseLines } from './manual-invoice';

describe('parseLines', () => {
  it('reads amounts exactly and totals the lines, credits included', () => {
    expect(
      parseLines(
        [
          { key: 1, description: 'Setup fee', quantity: 2, unitAmount: '49.99' },
          { key: 2, description: 'Goodwill', quantity: 1, unitAmount: '-10' },
        ],
        'USD',
      ),
    ).toEqual({
      ok: true,
      lines: [
        { description: 'Setup fee', quantity: 2, unitAmount: 4999 },
        { description: 'Goodwill', quantity: 1, unitAmount: -1000 },
      ],
      total: 8998,
    });
  });

  it('puts each problem on its own field', () => {
    const result = parseLines(
      [
        { key: 1, description: ' ', quantity: 1, unitAmount: '5' },
        { key: 2, description: 'Bundle', quantity: 0, unitAmount: 'five' },
      ],
      'USD',
    );
    expect(result).toEqual({
      ok: false,
      errors: {
        'lines.0.description': 'Describe the item',
        'lines.1.unitAmount': 'Enter an amount like 49.00',
        'lines.1.quantity': 'Quantity must be at least 1',
      },
    });
  });
});
