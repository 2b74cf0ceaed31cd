import type { BillingInterval } from '../../../shared/billing/periods';
import { formatMoney, money } from '../../../shared/money';

const PER: Record<BillingInterval, string> = { month: 'month', year: 'year' };

/** "$9.99 / month": a recurring amount as one string, for option labels and exports. */
export function recurringText(amount: number, currency: string, interval: BillingInterval): string {
  return `${formatMoney(money(amount, currency))} / ${PER[interval]}`;
}

/** "/ month" beside a MoneyText. */
export function perInterval(interval: BillingInterval): string {
  return `/ ${PER[interval]}`;
}

/** "Pro × 3" — the quantity only when it says something. */
export function planWithQuantity(planName: string, quantity: number): string {
  return quantity === 1 ? planName : `${planName} × ${quantity}`;
}
