import type { CardDetails } from '../types';
import type { SandboxCardBrand } from './card-numbers';
import type { ChargeBehaviour } from './test-cards';

/**
 * A sandbox payment method lives entirely in its ref, `pm_sbx_<behaviour>_<brand>_<last4>_<MMYYYY>_<random>`,
 * so charging it needs no stored card at all and there is no card data to leak. The
 * ref holds only what a receipt may show (brand, last four digits, expiry).
 */
export interface SandboxPaymentMethod extends CardDetails {
  brand: SandboxCardBrand;
  behaviour: ChargeBehaviour;
}

const BEHAVIOUR_TOKENS: Readonly<Record<ChargeBehaviour, string>> = {
  succeeds: 'ok',
  requires_authentication: '3ds',
  card_declined: 'decl',
  insufficient_funds: 'nsf',
  expired_card: 'exp',
  incorrect_cvc: 'cvc',
  processing_error: 'proc',
  lost_card: 'lost',
  stolen_card: 'stolen',
  fraudulent: 'fraud',
};

const BEHAVIOUR_BY_TOKEN = new Map(
  Object.entries(BEHAVIOUR_TOKENS).map(([behaviour, token]) => [token, behaviour as ChargeBehaviour]),
);
const BRANDS: readonly SandboxCardBrand[] = ['visa', 'mastercard', 'amex', 'unknown'];
const REF_PATTERN = /^pm_sbx_([a-z0-9]+)_([a-z]+)_(\d{4})_(\d{2})(\d{4})_([0-9a-f]+)$/;

export function encodePaymentMethodRef(method: SandboxPaymentMethod, random: string): string {
  const month = String(method.expMonth).padStart(2, '0');
  return `pm_sbx_${BEHAVIOUR_TOKENS[method.behaviour]}_${method.brand}_${method.last4}_${month}${method.expYear}_${random}`;
}

/** Reads a ref back; null when it is not a sandbox payment method ref. */
export function decodePaymentMethodRef(ref: string): SandboxPaymentMethod | null {
  const match = REF_PATTERN.exec(ref);
  if (!match) return null;
  const [, token = '', brand = '', last4 = '', month = '', year = ''] = match;
  const behaviour = BEHAVIOUR_BY_TOKEN.get(token);
  const knownBrand = BRANDS.find((candidate) => candidate === brand);
  const expMonth = Number(month);
  if (!behaviour || !knownBrand || expMonth < 1 || expMonth > 12) return null;
  return { behaviour, brand: knownBrand, last4, expMonth, expYear: Number(year) };
}
