import { describe, expect, it } from 'vitest';
import { disputeStatusColor, disputeWords } from './dispute-labels';

describe('dispute labels', () => {
  it('reads Stripe’s words as a sentence', () => {
    expect(disputeWords('product_not_received')).toBe('Product not received');
    expect(disputeWords('needs_response')).toBe('Needs response');
    expect(disputeWords('lost')).toBe('Lost');
  });

  it('marks what needs an answer red, what waits yellow, a win teal', () => {
    expect(disputeStatusColor('needs_response')).toBe('red');
    expect(disputeStatusColor('warning_needs_response')).toBe('red');
    expect(disputeStatusColor('under_review')).toBe('yellow');
    expect(disputeStatusColor('won')).toBe('teal');
    expect(disputeStatusColor('lost')).toBe('gray');
  });
});
