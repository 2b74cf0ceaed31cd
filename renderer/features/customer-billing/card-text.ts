import type { SavedCard } from './types';

/** "04/2030". */
export function expiryText(card: Pick<SavedCard, 'expMonth' | 'expYear'>): string {
  return `${String(card.expMonth).padStart(2, '0')}/${card.expYear}`;
}

/** A card expires at the end of its expiry month. */
export function isExpired(card: Pick<SavedCard, 'expMonth' | 'expYear'>, now: Date): boolean {
  const year = now.getUTCFullYear();
  return card.expYear < year || (card.expYear === year && card.expMonth < now.getUTCMonth() + 1);
}

/**
 * Stripe's test cards, which the sandbox gateway imitates, as the Add card dialog lists
 * them (https://docs.stripe.com/testing).
 */
export const SANDBOX_TEST_CARDS = [
  { number: '4242 4242 4242 4242', behaviour: 'succeeds' },
  { number: '4000 0000 0000 0341', behaviour: 'attaches, but fails when charged' },
  { number: '4000 0000 0000 9995', behaviour: 'insufficient funds' },
  { number: '4000 0027 6000 3184', behaviour: 'requires authentication' },
  { number: '4000 0000 0000 0002', behaviour: 'declined' },
] as const;
