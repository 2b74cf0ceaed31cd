import { startFakeStripe } from '../../../tests/fakes/stripe';
import { createStripeGateway } from '../stripe/stripe-gateway';
import { describeGatewayContract } from './gateway-contract.test-kit';

describeGatewayContract('stripe (real SDK against the fake)', {
  async open() {
    const fake = await startFakeStripe();
    const gateway = createStripeGateway({
      secretKey: fake.secretKey,
      host: fake.host,
      port: fake.port,
      protocol: fake.protocol,
      maxNetworkRetries: 0,
    });
    return { gateway, close: () => fake.close() };
  },
  cards: {
    visa: 'pm_card_visa',
    declinedAtAttach: 'pm_card_visa_chargeDeclined',
    declinesWhenCharged: {
      card_declined: 'pm_card_chargeCustomerFail',
      insufficient_funds: 'pm_card_visa_chargeDeclinedInsufficientFunds',
      expired_card: 'pm_card_chargeDeclinedExpiredCard',
      incorrect_cvc: 'pm_card_chargeDeclinedIncorrectCvc',
      processing_error: 'pm_card_chargeDeclinedProcessingError',
      lost_card: 'pm_card_visa_chargeDeclinedLostCard',
      stolen_card: 'pm_card_visa_chargeDeclinedStolenCard',
      fraudulent: 'pm_card_chargeDeclinedFraudulent',
    },
    authenticationRequired: 'pm_card_authenticationRequired',
  },
});
