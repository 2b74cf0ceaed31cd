import { sql, type RawBuilder } from 'kysely';
import type { Dialect } from './dialect';

/**
 * The few expressions SQLite and PostgreSQL spell differently, each in one place, so a repo
 * states what it means ("this JSON field", "this month") and works on both databases.
 */

/** A top-level field of a JSON text column, as text (`key` is code, never input). */
export function jsonField(
  dialect: Dialect,
  column: RawBuilder<unknown>,
  key: string,
): RawBuilder<string | null> {
  if (!/^[a-z_]+$/.test(key)) throw new Error(`not a JSON field name: ${key}`);
  return dialect === 'postgres'
    ? sql<string | null>`(${column}::json ->> ${sql.lit(key)})`
    : sql<string | null>`json_extract(${column}, ${sql.lit(`$.${key}`)})`;
}

/** Whether a JSON array text column holds `value` as one of its strings. */
export function jsonArrayHas(
  dialect: Dialect,
  column: RawBuilder<unknown>,
  value: string,
): RawBuilder<boolean> {
  return dialect === 'postgres'
    ? sql<boolean>`EXISTS (SELECT 1 FROM json_array_elements_text(${column}::json) AS element WHERE element = ${value})`
    : sql<boolean>`EXISTS (SELECT 1 FROM json_each(${column}) WHERE value = ${value})`;
}

/** The UTC month ('2026-01') of an epoch-milliseconds column. */
export function utcMonth(dialect: Dialect, epochMs: RawBuilder<unknown>): RawBuilder<string> {
  return dialect === 'postgres'
    ? sql<string>`to_char(to_timestamp(${epochMs} / 1000.0) AT TIME ZONE 'UTC', 'YYYY-MM')`
    : sql<string>`strftime('%Y-%m', ${epochMs} / 1000, 'unixepoch')`;
}

/**
 * A new time-sortable id made in SQL (for rows a statement writes in bulk): `prefix_`, the
 * time as 12 hex digits, then 16 random hex digits — the shape of shared/ids.ts's ids.
 */
export function timeSortableId(
  dialect: Dialect,
  prefix: string,
  epochMs: RawBuilder<unknown>,
): RawBuilder<string> {
  if (!/^[a-z]+$/.test(prefix)) throw new Error(`not an id prefix: ${prefix}`);
  return dialect === 'postgres'
    ? sql<string>`${sql.lit(`${prefix}_`)} || lpad(upper(to_hex((${epochMs})::bigint)), 12, '0') || upper(substr(replace(gen_random_uuid()::text, '-', ''), 1, 16))`
    : sql<string>`${sql.lit(`${prefix}_`)} || printf('%012X', ${epochMs}) || hex(randomblob(8))`;
}

/** A JSON object built in SQL, as JSON text (`json_object` nests as JSON on both). */
export function jsonObject(
  dialect: Dialect,
  pairs: readonly [string, RawBuilder<unknown>][],
): RawBuilder<string> {
  const fn = dialect === 'postgres' ? 'json_build_object' : 'json_object';
  const args = pairs.flatMap(([key, value]) => [sql.lit(key), value]);
  return sql<string>`${sql.raw(fn)}(${sql.join(args)})`;
}
