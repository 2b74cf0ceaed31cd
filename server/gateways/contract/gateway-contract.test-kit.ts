import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { money } from '../../../shared/money';
import { FAILURE_MESSAGES } from '../failure-messages';
import { gatewayErrorOf } from '../gateways.test-kit';
import type { PaymentFailureCode, PaymentGateway } from '../types';

/** A charge-time decline each gateway must be able to produce from a saved card. */
type ChargeDecline = Exclude<PaymentFailureCode, 'authentication_required'>;

/** How each behaviour is asked for: card numbers for the sandbox, test PaymentMethod ids for Stripe. */
export interface ContractCards {
  /** Succeeds; a Visa ending 4242. */
  visa: string;
  declinedAtAttach: string;
  declinesWhenCharged: Record<ChargeDecline, string>;
  authenticationRequired: string;
}

export interface ContractHarness {
  gateway: PaymentGateway;
  close(): Promise<void>;
}

/**
 * What every PaymentGateway must do alike, so billing code written against the sandbox
 * behaves the same on Stripe. Run once per gateway, each on a fresh instance per test.
 */
export function describeGatewayContract(
  name: string,
  options: { open(): Promise<ContractHarness>; cards: ContractCards },
) {
  const { cards } = options;

  describe(`${name} gateway contract`, () => {
    let harness: ContractHarness;
    let gateway: PaymentGateway;
    let customer: string;
    let keys = 0;
    const key = () => `contract-${++keys}`;

    beforeEach(async () => {
      harness = await options.open();
      gateway = harness.gateway;
      ({ gatewayCustomerId: customer } = await gateway.createCustomer(
        { customerId: 'cus_contract', email: 'grace@example.com', name: 'Grace Hopper' },
        key(),
      ));
    });
    afterEach(() => harness.close());

    const attach = (source: string) =>
      gateway.attachPaymentMethod({ gatewayCustomerId: customer, source }, key());
    const charge = (paymentMethodRef: string, amount = 2000, idempotencyKey = key()) =>
      gateway.charge(
        {
          gatewayCustomerId: customer,
          paymentMethodRef,
          amount: money(amount, 'USD'),
          description: 'Invoice INV-1',
          metadata: { invoice: 'inv_1' },
        },
        idempotencyKey,
      );
    const refund = (chargeRef: string, amount: number, currency = 'USD') =>
      gateway.refund({ chargeRef, amount: money(amount, currency), reason: 'requested_by_customer' }, key());

    it('saves a good card, charges it, refunds part, then refuses to refund more than is left', async () => {
      const method = await attach(cards.visa);
      expect(method).toMatchObject({ brand: 'visa', last4: '4242' });
      expect(method.expYear).toBeGreaterThanOrEqual(new Date().getUTCFullYear());
      expect(method.expMonth).toBeGreaterThanOrEqual(1);
      expect(method.expMonth).toBeLessThanOrEqual(12);

      const outcome = await charge(method.gatewayRef, 2000);
      expect(outcome.status).toBe('succeeded');
      const chargeRef = outcome.gatewayRef ?? '';

      expect(await refund(chargeRef, 500)).toMatchObject({ status: 'succeeded' });
      const over = await gatewayErrorOf(refund(chargeRef, 1501));
      expect(over).toMatchObject({ kind: 'invalid_request', retryable: false });
      expect(over.message).toMatch(/refund amount/i);
      expect(await refund(chargeRef, 1500)).toMatchObject({ status: 'succeeded' });
      expect(await gatewayErrorOf(refund(chargeRef, 1))).toMatchObject({ kind: 'invalid_request' });
    });

    it('refuses the generic decline card while saving it', async () => {
      const error = await gatewayErrorOf(attach(cards.declinedAtAttach));
      expect(error).toMatchObject({ kind: 'card', failureCode: 'card_declined', retryable: false });
      expect(error.message).toBe(FAILURE_MESSAGES.card_declined);
    });

    it.each(Object.entries(cards.declinesWhenCharged) as [ChargeDecline, string][])(
      'records a charge declined with %s as a failed outcome that says why',
      async (failureCode, source) => {
        const method = await attach(source);
        const outcome = await charge(method.gatewayRef);
        expect(outcome).toEqual({
          status: 'failed',
          gatewayRef: expect.any(String) as string,
          failureCode,
          failureMessage: FAILURE_MESSAGES[failureCode],
        });
      },
    );

    it('asks for authentication when an off-session charge needs 3-D Secure', async () => {
      const method = await attach(cards.authenticationRequired);
      expect(await charge(method.gatewayRef)).toEqual({
        status: 'requires_action',
        gatewayRef: expect.any(String) as string,
        failureCode: 'authentication_required',
        failureMessage: FAILURE_MESSAGES.authentication_required,
      });
    });

    it('answers a repeated charge with its first outcome, and refuses the key for another amount', async () => {
      const method = await attach(cards.visa);
      const first = await charge(method.gatewayRef, 2000, 'pay-once');
      expect(await charge(method.gatewayRef, 2000, 'pay-once')).toEqual(first);
      expect(await gatewayErrorOf(charge(method.gatewayRef, 2100, 'pay-once'))).toMatchObject({
        kind: 'idempotency',
        retryable: false,
      });
    });

    it('refuses to refund a declined payment, or in another currency than it was paid in', async () => {
      const declined = await charge((await attach(cards.declinesWhenCharged.insufficient_funds)).gatewayRef);
      expect(await gatewayErrorOf(refund(declined.gatewayRef ?? '', 100))).toMatchObject({
        kind: 'invalid_request',
      });
      const paid = await charge((await attach(cards.visa)).gatewayRef);
      const wrongCurrency = await gatewayErrorOf(refund(paid.gatewayRef ?? '', 100, 'EUR'));
      expect(wrongCurrency.message).toMatch(/EUR.*USD/);
    });
  });
}
