import { describe, expect, it } from 'vitest';
import { amountStillDue } from './amounts';

describe('amountStillDue', () => {
  it('is what an open invoice still lacks', () => {
    expect(amountStillDue({ status: 'open', amountDue: 999, amountPaid: 0 })).toBe(999);
    expect(amountStillDue({ status: 'open', amountDue: 999, amountPaid: 500 })).toBe(499);
  });

  it('is nothing once the invoice is settled one way or another', () => {
    expect(amountStillDue({ status: 'paid', amountDue: 999, amountPaid: 999 })).toBe(0);
    expect(amountStillDue({ status: 'void', amountDue: 999, amountPaid: 0 })).toBe(0);
    expect(amountStillDue({ status: 'uncollectible', amountDue: 999, amountPaid: 0 })).toBe(0);
  });
});
