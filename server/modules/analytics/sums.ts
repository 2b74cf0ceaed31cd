import type { RowDiff } from '../../../shared/analytics/mrr-diff';
import { chunks, type BulkSql } from './bulk-sql';
import type { MovementRow } from './states-repo';

interface Sum {
  amount: number;
  amount_reporting: number;
  movements: number;
  customers: number;
}

/** A sums table: its bucket columns (after tenant_id) and how a movement names its bucket. */
interface SumsTable {
  name: 'mrr_monthly' | 'mrr_cohorts';
  key: readonly (keyof MovementRow)[];
}

const MONTHLY: SumsTable = {
  name: 'mrr_monthly',
  key: ['currency', 'month', 'kind', 'plan_id', 'interval', 'source', 'country'],
};
const COHORTS: SumsTable = { name: 'mrr_cohorts', key: ['currency', 'cohort', 'month'] };

/** The difference's signed sums per bucket; buckets the difference leaves unchanged are dropped. */
function sumsOf(diff: RowDiff<MovementRow>, table: SumsTable) {
  const sums = new Map<string, { key: unknown[]; sum: Sum }>();
  const add = (row: MovementRow, sign: 1 | -1) => {
    const key = table.key.map((column) => row[column]);
    const id = key.join('\u0000');
    let entry = sums.get(id);
    if (!entry) {
      entry = { key, sum: { amount: 0, amount_reporting: 0, movements: 0, customers: 0 } };
      sums.set(id, entry);
    }
    entry.sum.amount += sign * row.amount;
    // A movement without a rate adds nothing in the reporting currency (docs/analytics.md).
    entry.sum.amount_reporting += sign * (row.amount_reporting ?? 0);
    entry.sum.movements += sign;
    entry.sum.customers += sign * row.customer_delta;
  };
  diff.inserted.forEach((row) => add(row, 1));
  diff.deleted.forEach((row) => add(row, -1));
  return [...sums.values()].filter(({ sum }) => Object.values(sum).some((value) => value !== 0));
}

/** Buckets per statement: 12 values each. */
const CHUNK = 200;
const FIGURES = ['amount', 'amount_reporting', 'movements', 'customers'] as const;

async function adjust(bulk: BulkSql, tenantId: string, table: SumsTable, diff: RowDiff<MovementRow>) {
  const buckets = sumsOf(diff, table);
  const columns = ['tenant_id', ...table.key, ...FIGURES].map((c) => `"${c}"`).join(', ');
  const conflict = ['tenant_id', ...table.key].map((c) => `"${c}"`).join(', ');
  const add = FIGURES.map((f) => `"${f}" = ${table.name}."${f}" + excluded."${f}"`).join(', ');
  for (const slice of chunks(buckets, CHUNK)) {
    const values = slice.flatMap(({ key, sum }) => [tenantId, ...key, ...FIGURES.map((f) => sum[f])]);
    const width = 1 + table.key.length + FIGURES.length;
    await bulk.run(
      `INSERT INTO ${table.name} (${columns}) VALUES ${bulk.tuples(slice.length, width)} ` +
        `ON CONFLICT (${conflict}) DO UPDATE SET ${add}`,
      values,
    );
  }
  // A bucket that lost movements may have none left: it goes, as a rebuild from nothing would not write it.
  const shrunk = buckets.filter(({ sum }) => sum.movements < 0);
  const keyColumns = table.key.map((c) => `"${c}"`).join(', ');
  for (const slice of chunks(shrunk, CHUNK)) {
    await bulk.run(
      `DELETE FROM ${table.name} WHERE tenant_id = ${bulk.mark(1)} AND movements = 0 ` +
        `AND (${keyColumns}) IN (VALUES ${bulk.tuples(slice.length, table.key.length, 1)})`,
      [tenantId, ...slice.flatMap(({ key }) => key)],
    );
  }
}

/**
 * Keeps mrr_monthly and mrr_cohorts equal to the sums of the movements by adding the
 * difference just written (an upsert adding to the stored figures, safe beside concurrent
 * writers; one statement per 200 buckets); a bucket left with no movement is removed, so the
 * sums hold exactly the rows a rebuild from nothing would hold.
 */
export async function adjustSums(bulk: BulkSql, tenantId: string, diff: RowDiff<MovementRow>): Promise<void> {
  await adjust(bulk, tenantId, MONTHLY, diff);
  await adjust(bulk, tenantId, COHORTS, diff);
}
