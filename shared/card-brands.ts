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

export function cardBrandName(brand: string): string {
  return BRANDS[brand.toLowerCase()] ?? brand.charAt(0).toUpperCase() + brand.slice(1);
}

/** A card as the console, receipts and audit labels name it: "Visa •••• 4242". */
export function cardText(brand: string, last4: string): string {
  return `${cardBrandName(brand)} •••• ${last4}`;
}
