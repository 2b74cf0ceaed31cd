import { sql } from 'kysely';
import {
  dayOf,
  deriveMovements,
  type DerivedMovement,
  type MrrSettings,
  type MrrState,
} from '../../../shared/analytics/mrr-rules';
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

/**
 * A stored movement's every field but its tenant and customer in one text, made by the database
 * (its id first), so a rebuild compares it with `derivedKey` of what it derived.
 * Same text on SQLite and PostgreSQL: integers cast to text, a null as '~' (no id, code or month
 * is '~').
 */
const NOT_IN_KEY: readonly string[] = ['tenant_id', 'customer_id'];
const KEY_COLUMNS = MOVEMENT_COLUMNS.filter((column) => !NOT_IN_KEY.includes(column));

/** One concat_ws (one pass, where a chain of || copies the growing text at every step). */
const STORED_MOVEMENT_KEY = `concat_ws('|', ${KEY_COLUMNS.map((column) => `coalesce(CAST("${column}" AS TEXT), '~')`).join(', ')})`;

/** Between two rows' keys in a customer's digest (ASCII's record separator: no field holds it). */
const ROWS = '\u001e';

/**
 * All of one customer's stored movements as one text, made by the database in a GROUP BY
 * customer_id: their keys in id order (byte order: ids are ASCII, PostgreSQL told to compare
 * them as bytes), joined by ROWS. A rebuild reads one text per customer, not one row per
 * movement, and compares it with `deriveDigest`'s — every field of every row, so it is still a
 * check.
 */
export function storedMovementsDigest(dialect: 'sqlite' | 'postgres') {
  return dialect === 'postgres'
    ? sql<string>`string_agg(${sql.raw(STORED_MOVEMENT_KEY)}, chr(30) ORDER BY "id" COLLATE "C")`
    : sql<string>`group_concat(${sql.raw(STORED_MOVEMENT_KEY)}, char(30) ORDER BY "id")`;
}

/**
 * A derived movement's key, as STORED_MOVEMENT_KEY makes it of its row (built straight from the
 * movement: most customers differ in nothing, and their rows are never needed).
 */
function derivedKey(m: DerivedMovement, reporting: number | null): string {
  return `${m.id}|${m.subscriptionId}|${m.stateId}|${m.kind}|${m.currency}|${m.amount}|${reporting === null ? '~' : reporting}|${m.subscriptionMrrBefore}|${m.subscriptionMrrAfter}|${m.customerMrrBefore}|${m.customerMrrAfter}|${m.customerDelta}|${m.effectiveAt}|${m.month}|${m.cohort}|${m.planId}|${m.interval}|${m.source}|${m.country}|${m.causeType}|${m.causeId === null ? '~' : m.causeId}`;
}

const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * One customer's derivation as a rebuild checks it: its movements and their digest, the text
 * `storedMovementsDigest` makes of the rows stored for them.
 */
export function deriveDigest(
  derivation: Derivation,
  converter: Converter,
  customerId: string,
  states: readonly MrrState[],
): { movements: DerivedMovement[]; digest: string } {
  const movements = deriveMovements(states, derivation.settings, derivation.nowOf(customerId));
  const key = (m: DerivedMovement) =>
    derivedKey(m, converter.convert(m.amount, m.currency, dayOf(m.effectiveAt)));
  if (movements.length <= 1)
    return { movements, digest: movements.length === 0 ? '' : key(movements[0] as DerivedMovement) };
  return { movements, digest: [...movements].sort(byId).map(key).join(ROWS) };
}

/** Derived movements as rows. */
export function rowsOf(
  derivation: Derivation,
  converter: Converter,
  movements: readonly DerivedMovement[],
): MovementRow[] {
  return movements.map((m) => toMovementRow(derivation.tenantId, m, converter));
}
