import { isPriceCurrency } from '../catalog/currencies';
import { PRICE_INTERVALS, type PriceInterval } from '../catalog/types';
import { isCountryCode } from '../countries';
import { MOVEMENT_KINDS, type MovementKind } from './formulas';
import { addMonths, isMonth, monthCount, monthOfTime } from './overview-months';
import { MAX_RANGE_MONTHS, REVENUE_SOURCES, type RevenueSourceFilter, type Segment } from './overview-schema';

/**
 * The Overview's view as it lives in the URL (so a link, Back and the drill-down keep the
 * same range and filters): every field optional, defaults left out, and anything a
 * hand-edited URL gets wrong dropped rather than shown as an error.
 */
export interface OverviewSearch {
  from?: string;
  to?: string;
  plan?: string;
  interval?: PriceInterval;
  currency?: string;
  country?: string;
  source?: RevenueSourceFilter;
}

/** The drill-down's URL: the Overview's view, and the kind of movement behind the figure. */
export interface MovementsSearch extends OverviewSearch {
  kind?: MovementKind;
  /** A cohort cell's movements: those of the customers whose first paying month it is. */
  cohort?: string;
}

/** Without a range in the URL the Overview shows the twelve months to the current one. */
export const DEFAULT_MONTHS = 12;

const PLAN_ID = /^pln_[0-9A-Z]{26}$/;

export function parseOverviewSearch(raw: Record<string, unknown>): OverviewSearch {
  const search: OverviewSearch = {};
  if (typeof raw.from === 'string' && isMonth(raw.from)) search.from = raw.from;
  if (typeof raw.to === 'string' && isMonth(raw.to)) search.to = raw.to;
  if (typeof raw.plan === 'string' && PLAN_ID.test(raw.plan)) search.plan = raw.plan;
  if ((PRICE_INTERVALS as readonly unknown[]).includes(raw.interval))
    search.interval = raw.interval as PriceInterval;
  if (typeof raw.currency === 'string' && isPriceCurrency(raw.currency)) search.currency = raw.currency;
  if (typeof raw.country === 'string' && isCountryCode(raw.country)) search.country = raw.country;
  if ((REVENUE_SOURCES as readonly unknown[]).includes(raw.source))
    search.source = raw.source as RevenueSourceFilter;
  return search;
}

export function parseMovementsSearch(raw: Record<string, unknown>): MovementsSearch {
  const search: MovementsSearch = parseOverviewSearch(raw);
  if ((MOVEMENT_KINDS as readonly unknown[]).includes(raw.kind)) search.kind = raw.kind as MovementKind;
  if (typeof raw.cohort === 'string' && isMonth(raw.cohort)) search.cohort = raw.cohort;
  return search;
}

/**
 * The range and segment a view asks for, defaults filled in: twelve months to the current
 * one; a range in the wrong order is turned around and one too long keeps its last months,
 * so a URL always shows something.
 */
export function overviewViewFor(
  search: OverviewSearch,
  now: number,
): { from: string; to: string; segment: Segment } {
  let to = search.to ?? monthOfTime(now);
  let from = search.from ?? addMonths(to, 1 - DEFAULT_MONTHS);
  if (monthCount(from, to) < 1) [from, to] = [to, from];
  if (monthCount(from, to) > MAX_RANGE_MONTHS) from = addMonths(to, 1 - MAX_RANGE_MONTHS);
  return {
    from,
    to,
    segment: {
      plan: search.plan ?? null,
      interval: search.interval ?? null,
      currency: search.currency ?? null,
      country: search.country ?? null,
      source: search.source ?? null,
    },
  };
}
