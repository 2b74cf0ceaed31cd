import { currency as currencyCode, minorUnitDigits } from '../../../shared/money';

/**
 * Minor units as a plain decimal ("1234.50" for 123450 USD, "1000" for 1000 JPY): what a
 * CSV cell or an amount field holds. String arithmetic only, so no float ever rounds a cent.
 */
export function decimalAmount(amount: number, currency: string): string {
  const digits = minorUnitDigits(currencyCode(currency));
  const magnitude = String(Math.abs(amount)).padStart(digits + 1, '0');
  const text = digits === 0 ? magnitude : `${magnitude.slice(0, -digits)}.${magnitude.slice(-digits)}`;
  return amount < 0 ? `-${text}` : text;
}
