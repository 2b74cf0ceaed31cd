import type { PaymentFailureCode } from './types';

/**
 * One sentence per failure code, written for the staff member reading a payment's
 * history. Both gateways use these rather than the gateway's own text: Stripe's
 * messages are meant for the paying customer and deliberately hide, for example,
 * that a card was reported stolen, which staff need to know before retrying.
 */
export const FAILURE_MESSAGES: Readonly<Record<PaymentFailureCode, string>> = {
  card_declined: 'The card was declined by the issuer.',
  insufficient_funds: 'The card has insufficient funds.',
  expired_card: 'The card has expired.',
  incorrect_cvc: "The card's security code (CVC) is incorrect.",
  processing_error: 'The card issuer had a processing error; trying again later may succeed.',
  authentication_required: 'The bank requires the customer to authenticate this payment (3-D Secure).',
  lost_card: 'The card was reported lost.',
  stolen_card: 'The card was reported stolen.',
  fraudulent: 'The payment was declined as likely fraudulent.',
};
