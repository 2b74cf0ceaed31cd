/** Card networks as people write them; gateways send lower-case ids ("visa", "amex"). */
const BRANDS: Record<string, string> = {
  visa: 'Visa',
  mastercard: 'Mastercard',
  amex: 'American Express',
  discover: 'Discover',
  diners: 'Diners Club',
  jcb: 'JCB',
  unionpay: 'UnionPay',
};

export function brandName(brand: string): string {
  return BRANDS[brand.toLowerCase()] ?? brand.charAt(0).toUpperCase() + brand.slice(1);
}

/** "Visa •••• 4242". */
export function cardText(brand: string, last4: string): string {
  return `${brandName(brand)} •••• ${last4}`;
}

/** A method label the server built ("visa •••• 4242"), with the brand named properly. */
export function methodText(label: string): string {
  const [brand = '', ...rest] = label.split(' ');
  return [brandName(brand), ...rest].join(' ');
}
