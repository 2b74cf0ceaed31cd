import type { SubscriptionCreateInput } from './types';
import type { SubscribablePlan } from './subscribe-options';

/** Without a card the subscription relies on a trial (or a free price). */
export const NO_CARD = 'none';

export interface SubscribeValues {
  planId: string | null;
  priceId: string | null;
  quantity: number | string;
  trialDays: number | string;
  paymentMethodId: string;
  trialEndBehavior: 'cancel' | 'incomplete';
}

export function initialSubscribeValues(defaultCardId: string | null): SubscribeValues {
  return {
    planId: null,
    priceId: null,
    quantity: 1,
    trialDays: 0,
    paymentMethodId: defaultCardId ?? NO_CARD,
    trialEndBehavior: 'cancel',
  };
}

const days = (value: number | string) => (value === '' ? 0 : Number(value));

/** The chosen price among the options, if any. */
export function chosenPrice(
  options: readonly SubscribablePlan[],
  values: Pick<SubscribeValues, 'planId' | 'priceId'>,
) {
  return (
    options.find((o) => o.plan.id === values.planId)?.prices.find((p) => p.id === values.priceId) ?? null
  );
}

/** What the server would refuse, said before sending. */
export function validateSubscribe(
  options: readonly SubscribablePlan[],
  values: SubscribeValues,
): Record<string, string> {
  const errors: Record<string, string> = {};
  const price = chosenPrice(options, values);
  if (!values.planId) errors.planId = 'Choose a plan';
  else if (!price) errors.priceId = 'Choose a price';
  const quantity = Number(values.quantity);
  if (!Number.isInteger(quantity) || quantity < 1) errors.quantity = 'At least 1';
  const trial = days(values.trialDays);
  if (!Number.isInteger(trial) || trial < 0 || trial > 730) errors.trialDays = 'Between 0 and 730 days';
  if (price && price.amount > 0 && trial === 0 && values.paymentMethodId === NO_CARD)
    errors.paymentMethodId = 'A paid subscription without a trial needs a card to charge';
  return errors;
}

export function subscribeInput(customerId: string, values: SubscribeValues): SubscriptionCreateInput {
  return {
    customerId,
    priceId: values.priceId ?? '',
    quantity: Number(values.quantity),
    trialDays: days(values.trialDays),
    ...(values.paymentMethodId !== NO_CARD && { paymentMethodId: values.paymentMethodId }),
    trialEndBehavior: values.trialEndBehavior,
  };
}
