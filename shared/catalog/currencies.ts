/**
 * Which currencies a price may be set in. `currency()` in money.ts accepts any well-formed
 * code, and Intl formats even made-up ones ("XYZ"), so prices are checked against the codes
 * the runtime's Intl lists as real currencies, minus ISO 4217's codes that are not money
 * anyone pays a subscription in (precious metals, SDRs, bond units, the testing code).
 */
const NOT_FOR_PRICES = new Set([
  'XAG',
  'XAU',
  'XBA',
  'XBB',
  'XBC',
  'XBD',
  'XDR',
  'XPD',
  'XPT',
  'XSU',
  'XTS',
  'XUA',
  'XXX',
]);

let priceCurrencies: ReadonlySet<string> | undefined;

/** True when prices may be set in `code` (upper-case ISO 4217, e.g. USD, EUR, JPY). */
export function isPriceCurrency(code: string): boolean {
  priceCurrencies ??= new Set(Intl.supportedValuesOf('currency').filter((c) => !NOT_FOR_PRICES.has(c)));
  return priceCurrencies.has(code);
}
