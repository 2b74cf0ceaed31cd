import { invoiceTotals } from '../../../../shared/billing/invoice-totals';
import { boundary } from '../../../../shared/billing/periods';
import { money } from '../../../../shared/money';
import { DomainError } from '../../../lib/errors';
import type { NewLine } from '../repo/invoices';
import type { BillablePrice, Subscription } from '../types';
import { assertChargeable, periodAmount, planLine, prorationLines } from './lines';

export type ChangeKind = 'upgrade' | 'downgrade' | 'lateral' | 'interval_change' | 'trial_change';

/** What a plan or quantity change will do, decided once and used by both preview and apply. */
export interface PlanChange {
  kind: ChangeKind;
  timing: 'now' | 'period_end';
  effectiveAt: number;
  to: BillablePrice;
  quantity: number;
  /** Lines of the invoice issued now (empty when nothing is billed now). */
  lines: NewLine[];
  /** The period after the change, when the change redraws it (an interval change). */
  newPeriod: { start: number; end: number } | null;
  currentAmount: number;
  newAmount: number;
}

/**
 * Decides a change: upgrades apply now with proration (credit for unused time on the old
 * price, charge for the remaining time on the new); downgrades wait for the period's end
 * unless asked for now (then the credit goes to the balance); a change of interval
 * restarts the billing cycle now; during a trial the price just changes, with no proration.
 */
export function decidePlanChange(
  s: Subscription,
  from: BillablePrice,
  to: BillablePrice,
  quantity: number,
  requested: 'now' | 'period_end' | undefined,
  now: number,
): PlanChange {
  if (to.currency !== s.currency) {
    throw new DomainError(
      'INVALID_INPUT',
      `This subscription bills in ${s.currency}; choose a ${s.currency} price`,
      { priceId: [`Choose a ${s.currency} price`] },
    );
  }
  if (to.id === s.priceId && quantity === s.quantity) {
    throw new DomainError('INVALID_INPUT', 'That is the current plan and quantity: nothing to change', {
      priceId: ['Choose a different price or quantity'],
    });
  }
  assertChargeable(to, quantity);
  const currentAmount = periodAmount(from, s.quantity).amount;
  const newAmount = periodAmount(to, quantity).amount;
  const base = { to, quantity, currentAmount, newAmount };
  if (s.status === 'trialing') {
    return { ...base, kind: 'trial_change', timing: 'now', effectiveAt: now, lines: [], newPeriod: null };
  }
  if (to.interval !== from.interval) {
    if (requested === 'period_end') {
      return {
        ...base,
        kind: 'interval_change',
        timing: 'period_end',
        effectiveAt: s.currentPeriodEnd,
        lines: [],
        newPeriod: null,
      };
    }
    const end = boundary(now, to.interval, 1);
    const [credit] = prorationLines(
      { from, fromQuantity: s.quantity, to, toQuantity: quantity },
      { start: s.currentPeriodStart, end: s.currentPeriodEnd },
      now,
    );
    const lines = credit ? [credit, planLine(to, quantity, now, end)] : [planLine(to, quantity, now, end)];
    return {
      ...base,
      kind: 'interval_change',
      timing: 'now',
      effectiveAt: now,
      lines,
      newPeriod: { start: now, end },
    };
  }
  const kind: ChangeKind =
    newAmount > currentAmount ? 'upgrade' : newAmount < currentAmount ? 'downgrade' : 'lateral';
  const timing = requested ?? (kind === 'downgrade' ? 'period_end' : 'now');
  if (timing === 'period_end')
    return { ...base, kind, timing, effectiveAt: s.currentPeriodEnd, lines: [], newPeriod: null };
  const lines = prorationLines(
    { from, fromQuantity: s.quantity, to, toQuantity: quantity },
    { start: s.currentPeriodStart, end: s.currentPeriodEnd },
    now,
  );
  return { ...base, kind, timing, effectiveAt: now, lines, newPeriod: null };
}

/** The preview staff read before confirming: the invoice it issues now, after the customer's balance. */
export function previewTotals(change: PlanChange, balance: number, currency: string) {
  const totals = invoiceTotals(
    change.lines.map((l) => money(l.amount, currency)),
    money(balance, currency),
    currency,
  );
  return {
    subtotal: totals.subtotal.amount,
    creditApplied: totals.creditApplied.amount,
    amountDue: totals.amountDue.amount,
    balanceAfter: balance + totals.balanceChange.amount,
  };
}
