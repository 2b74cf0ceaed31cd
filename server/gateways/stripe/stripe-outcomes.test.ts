import Stripe from 'stripe';
import { describe, expect, it } from 'vitest';
import { FAILURE_MESSAGES } from '../failure-messages';
import { GatewayError } from '../types';
import { chargeOutcomeOf, declinedChargeOutcome, refundOutcomeOf } from './stripe-outcomes';

const intent = (fields: Partial<Stripe.PaymentIntent>) => ({ id: 'pi_1', ...fields }) as Stripe.PaymentIntent;
const refund = (fields: Partial<Stripe.Refund>) => ({ id: 're_1', ...fields }) as Stripe.Refund;

describe('charge outcomes from a PaymentIntent', () => {
  it('succeed with the PaymentIntent as the ref', () => {
    expect(chargeOutcomeOf(intent({ status: 'succeeded' }))).toEqual({
      status: 'succeeded',
      gatewayRef: 'pi_1',
    });
  });

  it('need authentication when Stripe waits for the customer', () => {
    expect(chargeOutcomeOf(intent({ status: 'requires_action' }))).toMatchObject({
      status: 'requires_action',
      gatewayRef: 'pi_1',
      failureCode: 'authentication_required',
    });
  });

  it('fail with the reason recorded on the PaymentIntent', () => {
    const lastError = {
      type: 'card_error',
      code: 'card_declined',
      decline_code: 'lost_card',
    } as Stripe.PaymentIntent.LastPaymentError;
    expect(
      chargeOutcomeOf(intent({ status: 'requires_payment_method', last_payment_error: lastError })),
    ).toEqual({
      status: 'failed',
      gatewayRef: 'pi_1',
      failureCode: 'lost_card',
      failureMessage: FAILURE_MESSAGES.lost_card,
    });
  });

  it('refuse states an off-session card charge never ends in, rather than guessing', () => {
    expect(() => chargeOutcomeOf(intent({ status: 'processing' }))).toThrow(GatewayError);
    expect(() =>
      chargeOutcomeOf(intent({ status: 'requires_payment_method', last_payment_error: null })),
    ).toThrow(/requires_payment_method/);
  });

  it('from a card error, name the PaymentIntent the error carries, or none', () => {
    const withIntent = new Stripe.errors.StripeCardError({
      code: 'expired_card',
      payment_intent: intent({ status: 'requires_payment_method' }),
    });
    expect(declinedChargeOutcome(withIntent)).toMatchObject({
      status: 'failed',
      gatewayRef: 'pi_1',
      failureCode: 'expired_card',
    });
    const authentication = new Stripe.errors.StripeCardError({
      code: 'authentication_required',
      decline_code: 'authentication_required',
    });
    expect(declinedChargeOutcome(authentication)).toMatchObject({
      status: 'requires_action',
      gatewayRef: null,
    });
  });
});

describe('refund outcomes', () => {
  it('map Stripe refund statuses onto succeeded, pending and failed', () => {
    expect(refundOutcomeOf(refund({ status: 'succeeded' }))).toEqual({
      gatewayRef: 're_1',
      status: 'succeeded',
    });
    expect(refundOutcomeOf(refund({ status: 'pending' }))).toEqual({ gatewayRef: 're_1', status: 'pending' });
    expect(refundOutcomeOf(refund({ status: 'requires_action' }))).toEqual({
      gatewayRef: 're_1',
      status: 'pending',
    });
    expect(refundOutcomeOf(refund({ status: 'failed', failure_reason: 'expired_or_canceled_card' }))).toEqual(
      {
        gatewayRef: 're_1',
        status: 'failed',
        failureMessage: 'The refund failed (expired or canceled card)',
      },
    );
    expect(refundOutcomeOf(refund({ status: 'canceled' }))).toMatchObject({
      status: 'failed',
      failureMessage: 'The refund was canceled',
    });
  });
});
