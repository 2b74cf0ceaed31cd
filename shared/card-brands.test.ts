import { describe, expect, it } from 'vitest';
import { cardBrandName, cardText } from './card-brands';

describe('card text', () => {
  it('names known networks properly and capitalizes unknown ones', () => {
    expect(cardText('visa', '4242')).toBe('Visa •••• 4242');
    expect(cardText('amex', '0005')).toBe('American Express •••• 0005');
    expect(cardText('elo', '1234')).toBe('Elo •••• 1234');
    expect(cardBrandName('MasterCard')).toBe('Mastercard');
  });
});
