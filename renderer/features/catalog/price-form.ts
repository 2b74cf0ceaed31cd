import { isPriceCurrency } from '../../../shared/catalog/currencies';
import { MAX_PRICE_AMOUNT, priceCreateInput, type PriceCreateInput } from '../../../shared/catalog/schema';
import type { PlanWithPrices, PriceInterval } from '../../../shared/catalog/types';
import { readAmount } from '../../lib/amount';

/** What the price form holds: the amount as typed ("9.99"), never a float. */
export interface PriceFormValues {
  amount: string;
  currency: string | null;
  interval: PriceInterval;
  trialDays: number | string;
}

/** A new price starts in the currency and with the trial the plan's prices already use. */
export function priceFormDefaults(plan: Pick<PlanWithPrices, 'prices'>): PriceFormValues {
  const model = plan.prices.find((price) => price.status === 'active');
  return {
    amount: '',
    currency: model?.currency ?? 'USD',
    interval: 'month',
    trialDays: model?.trialDays ?? 0,
  };
}

export function validatePriceForm(values: PriceFormValues): Record<string, string> {
  const errors: Record<string, string> = {};
  if (!values.currency) errors.currency = 'Choose a currency';
  else {
    const amount = readAmount(values.amount, values.currency, { max: MAX_PRICE_AMOUNT });
    if (!amount.ok) errors.amount = amount.error;
  }
  const trial = priceCreateInput.shape.trialDays.safeParse(values.trialDays === '' ? 0 : values.trialDays);
  if (!trial.success) errors.trialDays = trial.error.issues[0]?.message ?? 'Not a valid number of days';
  return errors;
}

/** The create input from values `validatePriceForm` accepted. */
export function priceCreateFrom(planId: string, values: PriceFormValues): PriceCreateInput {
  const code = values.currency ?? '';
  const amount = readAmount(values.amount, code, { max: MAX_PRICE_AMOUNT });
  if (!amount.ok) throw new Error(`price form sent with an invalid amount: ${amount.error}`);
  return {
    planId,
    amount: amount.amount,
    currency: code,
    interval: values.interval,
    trialDays: values.trialDays === '' ? 0 : Number(values.trialDays),
  };
}

const COMMON = ['USD', 'EUR', 'GBP', 'CAD', 'AUD', 'JPY', 'CHF', 'SEK'];

interface CurrencyGroup {
  group: string;
  items: { value: string; label: string }[];
}
let cached: CurrencyGroup[] | null = null;

/** Every currency a price may use, named in the user's language, the usual ones first. */
export function currencyOptions(): CurrencyGroup[] {
  if (cached) return cached;
  const names = new Intl.DisplayNames(undefined, { type: 'currency', fallback: 'code' });
  const option = (code: string) => ({ value: code, label: `${code} — ${names.of(code) ?? code}` });
  const rest = Intl.supportedValuesOf('currency').filter(
    (code) => isPriceCurrency(code) && !COMMON.includes(code),
  );
  cached = [
    { group: 'Common', items: COMMON.map(option) },
    { group: 'All currencies', items: rest.map(option) },
  ];
  return cached;
}
