import { describe, expect, it } from 'vitest';
import { cardBrand, normalizeCardNumber, passesLuhn } from './card-numbers';

describe('card numbers', () => {
  it('accept the spaces and dashes people type, and nothing else', () => {
    expect(normalizeCardNumber('4242 4242 4242 4242')).toBe('4242424242424242');
    expect(normalizeCardNumber('4242-4242-4242-4242')).toBe('4242424242424242');
    expect(normalizeCardNumber(' 3782 822463 10005 ')).toBe('378282246310005');
    expect(normalizeCardNumber('4242 4242 4242 424x')).toBeNull();
    expect(normalizeCardNumber('4242')).toBeNull();
    expect(normalizeCardNumber('')).toBeNull();
  });

  it('pass the Luhn check for every Stripe test card and fail it when one digit is wrong', () => {
    const stripeTestCards = [
      '4242424242424242',
      '4000000000000002',
      '4000000000009995',
      '4000000000000341',
      '4000002760003184',
      '4000000000000069',
      '4000000000000127',
      '4000000000000119',
      '4000000000009979',
      '4000000000009987',
      '4100000000000019',
      '5555555555554444',
      '378282246310005',
    ];
    for (const number of stripeTestCards) expect(passesLuhn(number), number).toBe(true);
    expect(passesLuhn('4242424242424241')).toBe(false);
    expect(passesLuhn('4000000000000003')).toBe(false);
  });

  it('name the brand from the leading digits', () => {
    expect(cardBrand('4242424242424242')).toBe('visa');
    expect(cardBrand('5555555555554444')).toBe('mastercard');
    expect(cardBrand('5105105105105100')).toBe('mastercard');
    expect(cardBrand('2221000000000009')).toBe('mastercard');
    expect(cardBrand('2720990000000007')).toBe('mastercard');
    expect(cardBrand('2721000000000004')).toBe('unknown');
    expect(cardBrand('378282246310005')).toBe('amex');
    expect(cardBrand('371449635398431')).toBe('amex');
    expect(cardBrand('6011111111111117')).toBe('unknown');
  });
});
