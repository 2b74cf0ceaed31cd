import { divideHalfEven } from '../money';

/**
 * The MRR movement rules (docs/analytics.md). Everything here is pure: one customer's movements
 * are a function of that customer's ordered value states, the workspace's past-due setting and
 * the moment of derivation. The incremental path (after each subscription write) and the full
 * rebuild both call `deriveMovements` and store the difference, so the two agree by construction.
 */

export type MrrKind = 'new' | 'expansion' | 'contraction' | 'churn' | 'reactivation';
export type MrrInterval = 'month' | 'year';

export const DAY_MS = 86_400_000;

/** Statuses whose subscription counts; every other one (trialing, incomplete, paused, canceled, unpaid) counts 0. */
const COUNTING_STATUSES = new Set(['active', 'past_due']);

/** One recorded value state of a subscription (a row of mrr_states). */
export interface MrrState {
  id: string;
  seq: number;
  subscriptionId: string;
  customerId: string;
  effectiveAt: number;
  status: string;
  currency: string;
  planId: string;
  interval: string;
  /** The value under the base rules (subscriptionValue), minor units per month. */
  mrr: number;
  pastDueSince: number | null;
  source: 'tollgate' | 'stripe';
  country: string;
  causeType: string;
  causeId: string | null;
}

export interface MrrSettings {
  /** Churn a subscription still past due this many days after it became so; null: never. */
  pastDueChurnDays: number | null;
}

/** One movement as derived (amount_reporting is added where the FX rates are). */
export interface DerivedMovement {
  id: string;
  customerId: string;
  subscriptionId: string;
  stateId: string;
  kind: MrrKind;
  currency: string;
  amount: number;
  subscriptionMrrBefore: number;
  subscriptionMrrAfter: number;
  customerMrrBefore: number;
  customerMrrAfter: number;
  customerDelta: number;
  effectiveAt: number;
  month: string;
  cohort: string;
  planId: string;
  interval: string;
  source: 'tollgate' | 'stripe';
  country: string;
  causeType: string;
  causeId: string | null;
}

/** The cause of a movement the past-due setting makes (no write happened at that moment). */
export const PAST_DUE_CAUSE = 'past_due_setting';

/**
 * A subscription's monthly value under the base rules: amount × quantity for a monthly price;
 * for a yearly one amount × quantity ÷ 12 rounded half to even (to the nearest minor unit, ties
 * to even, so a book of yearly prices does not drift upward).
 */
export function subscriptionValue(
  status: string,
  amount: number,
  quantity: number,
  interval: MrrInterval,
): number {
  if (!COUNTING_STATUSES.has(status)) return 0;
  const total = BigInt(amount) * BigInt(quantity);
  return Number(interval === 'year' ? divideHalfEven(total, 12n) : total);
}

/**
 * 'YYYY-MM-DD' of each UTC day met, kept: a rebuild asks for the day and month of hundreds of
 * thousands of movements that fall on a few hundred days, and formatting a date is most of it.
 */
const dayTexts = new Map<number, string>();

function dayText(ms: number): string {
  const day = Math.floor(ms / DAY_MS);
  let text = dayTexts.get(day);
  if (text === undefined) {
    text = new Date(ms).toISOString().slice(0, 10);
    if (dayTexts.size >= 100_000) dayTexts.clear();
    dayTexts.set(day, text);
  }
  return text;
}

/** 'YYYY-MM' of a moment, in UTC. */
export function monthOf(ms: number): string {
  return dayText(ms).slice(0, 7);
}

/** 'YYYY-MM-DD' of a moment, in UTC. */
export function dayOf(ms: number): string {
  return dayText(ms);
}

/** When the past-due setting stops a state from counting; null when it never does. */
export function pastDueDeadline(state: MrrState, settings: MrrSettings): number | null {
  if (settings.pastDueChurnDays === null || state.status !== 'past_due') return null;
  return (state.pastDueSince ?? state.effectiveAt) + settings.pastDueChurnDays * DAY_MS;
}

/** The customer-level kind of a change of one currency's total from `before` to `after`. */
export function classify(before: number, after: number, everPaid: boolean): MrrKind {
  if (before === 0) return everPaid ? 'reactivation' : 'new';
  if (after === 0) return 'churn';
  return after < before ? 'contraction' : 'expansion';
}

export function customerDeltaOf(kind: MrrKind): number {
  if (kind === 'new' || kind === 'reactivation') return 1;
  return kind === 'churn' ? -1 : 0;
}

/** States in the order they happened: effective time, then the order they were recorded in. */
export function byTime(a: MrrState, b: MrrState): number {
  return a.effectiveAt - b.effectiveAt || a.seq - b.seq;
}

/** A moment the customer's value may change: a recorded state, or a past-due deadline passing. */
interface Step {
  at: number;
  seq: number;
  /** 0: a state; 1: a deadline (after a state of the same seq). */
  order: number;
  state: MrrState;
  /** The subscription's value from this step on. */
  value: number;
  idBase: string;
  causeType: string;
  causeId: string | null;
}

function makeStep(
  state: MrrState,
  at: number,
  order: 0 | 1,
  value: number,
  idBase: string,
  causeType: string,
  causeId: string | null,
): Step {
  return { at, seq: state.seq, order, state, value, idBase, causeType, causeId };
}

/** True when `states` are already in time order (the rebuild reads them so): no sort needed. */
function inOrder(states: readonly MrrState[]): boolean {
  for (let i = 1; i < states.length; i++) {
    if (byTime(states[i - 1] as MrrState, states[i] as MrrState) > 0) return false;
  }
  return true;
}

function stepsOf(states: readonly MrrState[], settings: MrrSettings, now: number): Step[] {
  const sorted = inOrder(states) ? states : [...states].sort(byTime);
  const nextOfSubscription = new Map<string, number>();
  const steps: Step[] = [];
  let deadlines = false;
  for (let i = sorted.length - 1; i >= 0; i--) {
    const state = sorted[i] as MrrState;
    const deadline = pastDueDeadline(state, settings);
    const next = nextOfSubscription.get(state.subscriptionId) ?? Infinity;
    const lapsed = deadline !== null && deadline <= state.effectiveAt;
    const value = lapsed ? 0 : state.mrr;
    steps.push(makeStep(state, state.effectiveAt, 0, value, state.id, state.causeType, state.causeId));
    if (deadline !== null && !lapsed && deadline < next && deadline <= now && state.mrr > 0) {
      deadlines = true;
      steps.push(makeStep(state, deadline, 1, 0, `${state.id}:past_due`, PAST_DUE_CAUSE, state.id));
    }
    nextOfSubscription.set(state.subscriptionId, state.effectiveAt);
  }
  // Without deadlines the steps are the states, newest first (a customer's seqs are distinct).
  if (!deadlines) return steps.reverse();
  return steps.sort((a, b) => a.at - b.at || a.seq - b.seq || a.order - b.order);
}

interface Held {
  value: number;
  state: MrrState;
}

interface Leg {
  id: string;
  amount: number;
  state: MrrState;
}

/** The legs of a subscription moving from `before` to `after`: one row, or leaving and entering rows. */
function legsOf(idBase: string, before: Held | undefined, after: Held): Leg[] {
  const from = before && before.value > 0 ? before : undefined;
  const to = after.value > 0 ? after : undefined;
  const same =
    !from ||
    !to ||
    (from.state.currency === to.state.currency &&
      from.state.planId === to.state.planId &&
      from.state.interval === to.state.interval);
  if (same) {
    const amount = after.value - (before?.value ?? 0);
    // The row names where the value is (or was, for a churn).
    return amount === 0 ? [] : [{ id: idBase, amount, state: to ? after.state : (from ?? after).state }];
  }
  return [
    { id: `${idBase}:out`, amount: -from.value, state: from.state },
    { id: `${idBase}:in`, amount: to.value, state: to.state },
  ];
}

/** The legs' currencies, in order (one leg, or two of one currency, most of the time). */
function currenciesOf(legs: readonly Leg[]): string[] {
  const first = (legs[0] as Leg).state.currency;
  if (legs.every((leg) => leg.state.currency === first)) return [first];
  return [...new Set(legs.map((leg) => leg.state.currency))];
}

/** Per currency: the customer's total, whether it was ever above 0, and its cohort. */
interface CurrencyBook {
  total: number;
  cohort: string | null;
}

/**
 * All of one customer's movements, in order. `states` are that customer's states in any order;
 * deadlines of the past-due setting count only once `now` has reached them.
 */
export function deriveMovements(
  states: readonly MrrState[],
  settings: MrrSettings,
  now: number,
): DerivedMovement[] {
  const held = new Map<string, Held>();
  const books = new Map<string, CurrencyBook>();
  const movements: DerivedMovement[] = [];
  for (const step of stepsOf(states, settings, now)) {
    const before = held.get(step.state.subscriptionId);
    const after = { value: step.value, state: step.state };
    held.set(step.state.subscriptionId, after);
    const legs = legsOf(step.idBase, before, after);
    if (legs.length === 0) continue;
    for (const currency of currenciesOf(legs)) {
      const ofCurrency = legs.length === 1 ? legs : legs.filter((leg) => leg.state.currency === currency);
      const book = books.get(currency) ?? { total: 0, cohort: null };
      const total = book.total + ofCurrency.reduce((sum, leg) => sum + leg.amount, 0);
      const kind = classify(book.total, total, book.cohort !== null);
      const month = monthOf(step.at);
      if (kind === 'new') book.cohort = month;
      ofCurrency.forEach((leg, index) => {
        movements.push({
          id: leg.id,
          customerId: step.state.customerId,
          subscriptionId: step.state.subscriptionId,
          stateId: step.state.id,
          kind,
          currency,
          amount: leg.amount,
          subscriptionMrrBefore: before?.value ?? 0,
          subscriptionMrrAfter: after.value,
          customerMrrBefore: book.total,
          customerMrrAfter: total,
          // One customer gained or lost per change, however many legs show it.
          customerDelta: index === 0 ? customerDeltaOf(kind) : 0,
          effectiveAt: step.at,
          month,
          cohort: book.cohort ?? month,
          planId: leg.state.planId,
          interval: leg.state.interval,
          source: leg.state.source,
          country: leg.state.country,
          causeType: step.causeType,
          causeId: step.causeId,
        });
      });
      book.total = total;
      books.set(currency, book);
    }
  }
  return movements;
}
