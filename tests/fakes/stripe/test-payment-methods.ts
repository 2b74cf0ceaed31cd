/**
 * Stripe's test PaymentMethod ids (https://docs.stripe.com/testing#cards) and what each
 * does. Attaching one to a customer makes a new PaymentMethod with an id of its own that
 * keeps the behaviour, as Stripe does. Stripe validates a card when it is attached; here
 * only the generic decline card is refused at that point (the other decline cards attach,
 * so saved-card failures can be tested), matching Tollgate's sandbox.
 */

export interface Decline {
  code: string;
  decline_code: string;
  message: string;
  param?: string;
  advice_code?: string;
}

export type TestCardBehaviour =
  | { kind: 'succeeds' }
  | { kind: 'declines'; decline: Decline; refusedAtAttach: boolean }
  /** Off-session charges need the customer to authenticate (3-D Secure). */
  | { kind: 'requires_authentication' };

export interface TestCard {
  brand: string;
  last4: string;
  behaviour: TestCardBehaviour;
}

const declined = (decline_code: string, message: string, advice_code: string): Decline => ({
  code: 'card_declined',
  decline_code,
  message,
  advice_code,
});
const GENERIC = declined('generic_decline', 'Your card was declined.', 'try_again_later');

function card(brand: string, last4: string, behaviour: TestCardBehaviour = { kind: 'succeeds' }): TestCard {
  return { brand, last4, behaviour };
}
function declining(last4: string, decline: Decline, refusedAtAttach = false): TestCard {
  return card('visa', last4, { kind: 'declines', decline, refusedAtAttach });
}

const insufficientFunds = declining(
  '9995',
  declined('insufficient_funds', 'Your card has insufficient funds.', 'try_again_later'),
);
const lost = declining('9987', declined('lost_card', 'Your card was declined.', 'do_not_try_again'));
const stolen = declining('9979', declined('stolen_card', 'Your card was declined.', 'do_not_try_again'));
const genericAtAttach = declining('0002', GENERIC, true);

export const TEST_PAYMENT_METHODS: Readonly<Record<string, TestCard>> = {
  pm_card_visa: card('visa', '4242'),
  pm_card_mastercard: card('mastercard', '4444'),
  pm_card_amex: card('amex', '0005'),
  pm_card_visa_chargeDeclined: genericAtAttach,
  pm_card_chargeDeclined: genericAtAttach,
  pm_card_visa_chargeDeclinedInsufficientFunds: insufficientFunds,
  pm_card_chargeDeclinedInsufficientFunds: insufficientFunds,
  pm_card_visa_chargeDeclinedLostCard: lost,
  pm_card_chargeDeclinedLostCard: lost,
  pm_card_visa_chargeDeclinedStolenCard: stolen,
  pm_card_chargeDeclinedStolenCard: stolen,
  pm_card_chargeDeclinedFraudulent: card('visa', '0019', {
    kind: 'declines',
    decline: { code: 'card_declined', decline_code: 'fraudulent', message: 'Your card was declined.' },
    refusedAtAttach: false,
  }),
  pm_card_chargeDeclinedExpiredCard: declining('0069', {
    code: 'expired_card',
    decline_code: 'expired_card',
    message: 'Your card has expired.',
    param: 'exp_month',
    advice_code: 'confirm_card_data',
  }),
  pm_card_chargeDeclinedIncorrectCvc: declining('0127', {
    code: 'incorrect_cvc',
    decline_code: 'incorrect_cvc',
    message: "Your card's security code is incorrect.",
    param: 'cvc',
    advice_code: 'confirm_card_data',
  }),
  pm_card_chargeDeclinedProcessingError: declining('0119', {
    code: 'processing_error',
    decline_code: 'processing_error',
    message: 'An error occurred while processing your card. Try again in a little bit.',
    advice_code: 'try_again_later',
  }),
  // Stripe's card for saved cards that go bad: attaching succeeds, every charge is declined.
  pm_card_chargeCustomerFail: declining('0341', GENERIC),
  pm_card_authenticationRequired: card('visa', '3184', { kind: 'requires_authentication' }),
};

/** Stripe answers an off-session charge that needs authentication with this decline. */
export const AUTHENTICATION_REQUIRED: Decline = {
  code: 'authentication_required',
  decline_code: 'authentication_required',
  message: 'Your card was declined. This transaction requires authentication.',
};
