import type { PaymentFailureCode } from '../types';

/** What happens when a saved sandbox card is charged off-session. */
export type ChargeBehaviour =
  'succeeds' | 'requires_authentication' | Exclude<PaymentFailureCode, 'authentication_required'>;

/** How a card number behaves: refused while saving it, or saved and then charged with a behaviour. */
export type CardBehaviour = { refusedAtAttach: 'card_declined' } | { charge: ChargeBehaviour };

/**
 * Stripe's test cards and what each does (https://docs.stripe.com/testing). Any other
 * number that passes the Luhn check behaves like 4242 4242 4242 4242 and succeeds.
 */
const TEST_CARDS: Readonly<Record<string, CardBehaviour>> = {
  '4000000000000002': { refusedAtAttach: 'card_declined' },
  '4000000000009995': { charge: 'insufficient_funds' },
  // Stripe's "attaches, but every charge is declined" card, for testing saved cards that go bad.
  '4000000000000341': { charge: 'card_declined' },
  '4000002760003184': { charge: 'requires_authentication' },
  '4000000000000069': { charge: 'expired_card' },
  '4000000000000127': { charge: 'incorrect_cvc' },
  '4000000000000119': { charge: 'processing_error' },
  '4000000000009979': { charge: 'stolen_card' },
  '4000000000009987': { charge: 'lost_card' },
  '4100000000000019': { charge: 'fraudulent' },
};

/** The behaviour of a normalised, Luhn-valid card number. */
export function cardBehaviour(digits: string): CardBehaviour {
  return TEST_CARDS[digits] ?? { charge: 'succeeds' };
}
