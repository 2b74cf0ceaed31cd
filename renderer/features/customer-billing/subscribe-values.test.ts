import { describe, expect, it } from 'vitest';
import type { Price } from '../../../shared/catalog/types';
import type { SubscribablePlan } from './subscribe-options';
import { initialSubscribeValues, NO_CARD, subscribeInput, validateSubscribe } from './subscribe-values';

const CUSTOMER = `cus_${'3'.repeat(26)}`;
const price = (id: string, amount: number): Price => ({
  id,
  planId: 'pro',
  amount,
  currency: 'USD',
  interval: 'month',
  trialDays: 14,
  status: 'active',
  createdAt: 1,
  updatedAt: 1,
});
const options = [
  { plan: { id: 'pro' }, prices: [price('pro-usd', 999)] },
  { plan: { id: 'free' }, prices: [price('free-usd', 0)] },
] as unknown as SubscribablePlan[];

describe('validateSubscribe', () => {
  it('asks for a plan, then a price', () => {
    expect(validateSubscribe(options, initialSubscribeValues(null))).toEqual({ planId: 'Choose a plan' });
    expect(validateSubscribe(options, { ...initialSubscribeValues(null), planId: 'pro' })).toEqual({
      priceId: 'Choose a price',
    });
  });

  it('refuses a paid start with neither a trial nor a card, but allows a free one', () => {
    const pro = { ...initialSubscribeValues(null), planId: 'pro', priceId: 'pro-usd', trialDays: 0 };
    expect(validateSubscribe(options, pro)).toEqual({
      paymentMethodId: 'A paid subscription without a trial needs a card to charge',
    });
    expect(validateSubscribe(options, { ...pro, trialDays: 7 })).toEqual({});
    expect(validateSubscribe(options, { ...pro, planId: 'free', priceId: 'free-usd' })).toEqual({});
  });

  it('checks quantity and trial days', () => {
    const values = {
      ...initialSubscribeValues('pm_1'),
      planId: 'pro',
      priceId: 'pro-usd',
      quantity: 0,
      trialDays: 731,
    };
    expect(validateSubscribe(options, values)).toEqual({
      quantity: 'At least 1',
      trialDays: 'Between 0 and 730 days',
    });
  });
});

describe('subscribeInput', () => {
  it('sends the chosen card, or none so the server uses the trial rules', () => {
    const values = {
      ...initialSubscribeValues('pm_1'),
      planId: 'pro',
      priceId: 'pro-usd',
      quantity: '2',
      trialDays: '',
    };
    expect(subscribeInput(CUSTOMER, values)).toEqual({
      customerId: CUSTOMER,
      priceId: 'pro-usd',
      quantity: 2,
      trialDays: 0,
      paymentMethodId: 'pm_1',
      trialEndBehavior: 'cancel',
    });
    expect(subscribeInput(CUSTOMER, { ...values, paymentMethodId: NO_CARD })).not.toHaveProperty(
      'paymentMethodId',
    );
  });
});
