import { divideHalfEven } from '../money';

/**
 * The Overview's metrics over MRR movements, defined once for the server, the console and the
 * exports (docs/analytics.md, "The Overview's metrics" gives each with a worked example). Money stays integer
 * minor units of one currency; ratios stay exact fractions until they are shown, so a figure
 * is rounded once, at the end, half to even.
 *
 * A month's movements arrive as signed sums per kind, as mrr_monthly keeps them: new,
 * expansion and reactivation add (≥ 0 overall), contraction and churn subtract (≤ 0 overall).
 * Under a plan or interval filter a plan change's legs can turn a kind's sign (leaving the
 * filtered plan is a negative expansion leg), so no formula assumes the signs.
 */

export const MOVEMENT_KINDS = ['new', 'expansion', 'contraction', 'churn', 'reactivation'] as const;
export type MovementKind = (typeof MOVEMENT_KINDS)[number];

/** One month's movements: the signed sum of each kind, minor units per month. */
export type KindAmounts = Record<MovementKind, number>;

/** An exact ratio; the denominator is always positive. */
export interface Ratio {
  numerator: number;
  denominator: number;
}

export const NO_MOVEMENTS: KindAmounts = { new: 0, expansion: 0, contraction: 0, churn: 0, reactivation: 0 };

/** numerator ÷ denominator, or null when the denominator is not positive (nothing to divide by). */
export function ratio(numerator: number, denominator: number): Ratio | null {
  if (!Number.isSafeInteger(numerator) || !Number.isSafeInteger(denominator)) {
    throw new RangeError('a ratio is made of whole numbers');
  }
  return denominator > 0 ? { numerator, denominator } : null;
}

/** The ratio in basis points (1 % = 100), rounded half to even. */
export function basisPoints(r: Ratio): number {
  return Number(divideHalfEven(BigInt(r.numerator) * 10_000n, BigInt(r.denominator)));
}

/** basisPoints of a ratio that may be missing (no base to divide by). */
export function basisPointsOf(r: Ratio | null): number | null {
  return r === null ? null : basisPoints(r);
}

/** Net new MRR: the month's movements added up (what MRR grew by, before FX). */
export function netNewMrr(k: KindAmounts): number {
  return k.new + k.expansion + k.contraction + k.churn + k.reactivation;
}

/** What the month gained: new + expansion + reactivation. */
export function mrrGained(k: KindAmounts): number {
  return k.new + k.expansion + k.reactivation;
}

/** What the month lost, as a positive amount: churn + contraction. */
export function mrrLost(k: KindAmounts): number {
  return 0 - (k.churn + k.contraction);
}

/** ARR: twelve months of MRR. */
export function arr(mrr: number): number {
  return 12 * mrr;
}

/** ARPA: MRR per paying customer, minor units rounded half to even; null without customers. */
export function arpa(mrr: number, payingCustomers: number): number | null {
  if (payingCustomers <= 0) return null;
  return Number(divideHalfEven(BigInt(mrr), BigInt(payingCustomers)));
}

/** Customer churn rate: customers who churned in the month ÷ paying customers at its start. */
export function customerChurnRate(churnedCustomers: number, customersAtStart: number): Ratio | null {
  return ratio(churnedCustomers, customersAtStart);
}

/** Gross MRR churn: (churn + contraction) ÷ MRR at the month's start. */
export function grossMrrChurn(k: KindAmounts, mrrAtStart: number): Ratio | null {
  return ratio(mrrLost(k), mrrAtStart);
}

/** Net MRR churn: (churn + contraction − expansion − reactivation) ÷ MRR at the month's start. */
export function netMrrChurn(k: KindAmounts, mrrAtStart: number): Ratio | null {
  return ratio(mrrLost(k) - k.expansion - k.reactivation, mrrAtStart);
}

/**
 * Quick ratio: (new + expansion + reactivation) ÷ (churn + contraction). A month that lost
 * nothing has no quick ratio (null, shown as "—"): growth without losses is not a number.
 */
export function quickRatio(k: KindAmounts): Ratio | null {
  return ratio(mrrGained(k), mrrLost(k));
}

/**
 * LTV = ARPA ÷ customer churn rate, computed from its parts in one exact division so it is
 * rounded once: (MRR ÷ customers) ÷ (churned ÷ customers at start). Null (shown as "—") when
 * nobody churned, or without customers.
 */
export function lifetimeValue(input: {
  mrr: number;
  payingCustomers: number;
  churnedCustomers: number;
  customersAtStart: number;
}): number | null {
  const { mrr, payingCustomers, churnedCustomers, customersAtStart } = input;
  if (payingCustomers <= 0 || churnedCustomers <= 0 || customersAtStart <= 0) return null;
  return Number(
    divideHalfEven(
      BigInt(mrr) * BigInt(customersAtStart),
      BigInt(payingCustomers) * BigInt(churnedCustomers),
    ),
  );
}

/**
 * The FX impact of a month in the reporting currency: whatever the movements (each converted at
 * its own day's rate) do not explain of the change between the converted start and end. It is
 * the balancing row, so start + Σ movements + FX impact = end holds exactly.
 */
export function fxImpact(input: {
  startReporting: number;
  endReporting: number;
  movementsReporting: number;
}) {
  return input.endReporting - input.startReporting - input.movementsReporting;
}
