/**
 * Card-number arithmetic for the sandbox: normalising what a person typed, the Luhn
 * check digit, and the brand from the number's leading digits (its BIN).
 */

export type SandboxCardBrand = 'visa' | 'mastercard' | 'amex' | 'unknown';

/** The digits of a typed card number, allowing the spaces and dashes people use; null if anything else is there. */
export function normalizeCardNumber(typed: string): string | null {
  const digits = typed.replace(/[\s-]/g, '');
  return /^\d{12,19}$/.test(digits) ? digits : null;
}

/** True when the number's last digit is the Luhn check digit of the rest. */
export function passesLuhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let digit = Number(digits.charAt(digits.length - 1 - i));
    if (i % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}

/** The brand networks assign by prefix: 4 Visa, 51–55 and 2221–2720 Mastercard, 34 and 37 Amex. */
export function cardBrand(digits: string): SandboxCardBrand {
  if (digits.startsWith('4')) return 'visa';
  const two = Number(digits.slice(0, 2));
  const four = Number(digits.slice(0, 4));
  if ((two >= 51 && two <= 55) || (four >= 2221 && four <= 2720)) return 'mastercard';
  if (two === 34 || two === 37) return 'amex';
  return 'unknown';
}
