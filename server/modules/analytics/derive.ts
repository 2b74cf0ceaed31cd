import { sql } from 'kysely';
import { deriveMovements, type MrrSettings, type MrrState } from '../../../shared/analytics/mrr-rules';
import { MOVEMENT_COLUMNS, toMovementRow, type Converter } from './movements';
import type { RateBook } from './rates';
import type { MovementRow } from './states-repo';

/** What a derivation needs besides the states: the setting, the rates and each customer's now. */
export interface Derivation {
  tenantId: string;
  settings: MrrSettings;
  rates: RateBook;
  nowOf: (customerId: string) => number;
}

/**
 * A rebuild converts hundreds of thousands of movements, most of them the same few prices on
 * the same days: each conversion (a binary search and an exact fraction in BigInt) is done once.
 */
export function rememberingConverter(rates: RateBook): Converter {
  const known = new Map<string, number | null>();
  return {
    convert(amount, currency, day) {
      if (currency === rates.reporting) return amount;
      const key = `${currency}|${day}|${amount}`;
      let value = known.get(key);
      if (value === undefined) {
        value = rates.convert(amount, currency, day);
        if (known.size > 200_000) known.clear();
        known.set(key, value);
      }
      return value;
    },
  };
}

/** One customer's movements as rows (`states` in any order; in time order they need no sort). */
export function deriveRows(
  derivation: Derivation,
  converter: Converter,
  customerId: string,
  states: readonly MrrState[],
): MovementRow[] {
  const movements = deriveMovements(states, derivation.settings, derivation.nowOf(customerId));
  return movements.map((m) => toMovementRow(derivation.tenantId, m, converter));
}

/**
 * A stored movement's every field but its tenant and customer in one text, made by the database
 * (its id first), so a rebuild compares what it derived with `movementKey` of the derived row.
 * Same text on SQLite and PostgreSQL: integers cast to text, a null as '~' (no id, code or month
 * is '~').
 */
const NOT_IN_KEY: readonly string[] = ['tenant_id', 'customer_id'];
const KEY_COLUMNS = MOVEMENT_COLUMNS.filter((column) => !NOT_IN_KEY.includes(column));

const STORED_MOVEMENT_KEY = KEY_COLUMNS.map((column) => `coalesce(CAST("${column}" AS TEXT), '~')`).join(
  ` || '|' || `,
);

/** Between two rows' keys in a customer's digest (ASCII's record separator: no field holds it). */
const ROWS = '\u001e';

/**
 * All of one customer's stored movements as one text, made by the database in a GROUP BY
 * customer_id: their keys in id order (byte order: ids are ASCII, PostgreSQL told to compare
 * them as bytes), joined by ROWS. A rebuild reads one text per customer, not one row per
 * movement, and compares it with `movementsDigest` of the derived rows — every field of every
 * row, so it is still a check.
 */
export function storedMovementsDigest(dialect: 'sqlite' | 'postgres') {
  return dialect === 'postgres'
    ? sql<string>`string_agg(${sql.raw(STORED_MOVEMENT_KEY)}, chr(30) ORDER BY "id" COLLATE "C")`
    : sql<string>`group_concat(${sql.raw(STORED_MOVEMENT_KEY)}, char(30) ORDER BY "id")`;
}

export function movementKey(r: MovementRow): string {
  const n = (value: string | number | null) => (value === null ? '~' : value);
  return `${r.id}|${r.subscription_id}|${r.state_id}|${r.kind}|${r.currency}|${r.amount}|${n(r.amount_reporting)}|${r.subscription_mrr_before}|${r.subscription_mrr_after}|${r.customer_mrr_before}|${r.customer_mrr_after}|${r.customer_delta}|${r.effective_at}|${r.month}|${r.cohort}|${r.plan_id}|${r.interval}|${r.source}|${r.country}|${r.cause_type}|${n(r.cause_id)}`;
}

const byId = (a: MovementRow, b: MovementRow) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** `storedMovementsDigest`'s text of one customer's rows (in any order; '' for none). */
export function movementsDigest(rows: readonly MovementRow[]): string {
  if (rows.length === 0) return '';
  if (rows.length === 1) return movementKey(rows[0] as MovementRow);
  return [...rows].sort(byId).map(movementKey).join(ROWS);
}
