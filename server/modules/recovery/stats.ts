import { sql, type Kysely } from 'kysely';
import { dialectOf } from '../../db/dialect';
import { utcMonth } from '../../db/portable-sql';
import { OPEN_RECOVERY_STATUSES } from '../../../shared/billing/recovery-schema';
import { recoveryRate } from '../../../shared/billing/recovery-figures';
import type { DB } from '../../db/schema';

/** "2026-03" for a UTC moment. */
export const monthOf = (ms: number): string => new Date(ms).toISOString().slice(0, 7);

/** The first moment of the month `back` months before the one holding `now` (UTC). */
function monthStart(now: number, back: number): number {
  const d = new Date(now);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - back, 1);
}

/**
 * How recovery is doing over the last `months` months (by the month of each invoice's
 * first failure), per currency: amounts failed, recovered and lost, the rate over finished
 * cases, month by month, and which attempt recovered how much (null: paid out of band).
 * What is in recovery now is counted whenever it began. Amounts are minor units;
 * currencies are never added together.
 */
export async function recoveryStats(
  db: Kysely<DB>,
  tenantId: string,
  input: { months: number; now: number },
) {
  const from = monthStart(input.now, input.months - 1);
  const month = utcMonth(dialectOf(db), sql`started_at`);
  const recoveredAmount = sql<number>`coalesce(sum(CASE WHEN status = 'recovered' THEN recovered_amount END), 0)`;
  const recoveredCount = sql<number>`sum(CASE WHEN status = 'recovered' THEN 1 ELSE 0 END)`;
  // Lost: recovery gave up, or staff closed the case (shared/billing/recovery-figures.ts).
  const lost = sql`status IN ('final_action_taken', 'closed_by_staff')`;
  const lostAmount = sql<number>`coalesce(sum(CASE WHEN ${lost} THEN failed_amount END), 0)`;
  const lostCount = sql<number>`sum(CASE WHEN ${lost} THEN 1 ELSE 0 END)`;
  const window = () =>
    db.selectFrom('invoice_recoveries').where('tenant_id', '=', tenantId).where('started_at', '>=', from);
  const [monthly, attempts, open] = await Promise.all([
    window()
      .select([
        month.as('month'),
        'currency',
        sql<number>`count(*)`.as('failed_count'),
        sql<number>`sum(failed_amount)`.as('failed_amount'),
        recoveredCount.as('recovered_count'),
        recoveredAmount.as('recovered_amount'),
        lostCount.as('lost_count'),
        lostAmount.as('lost_amount'),
      ])
      .groupBy([month, 'currency'])
      .orderBy(month)
      .orderBy('currency')
      .execute(),
    window()
      .where('status', '=', 'recovered')
      .select([
        'recovered_attempt',
        'currency',
        sql<number>`count(*)`.as('n'),
        sql<number>`sum(recovered_amount)`.as('amount'),
      ])
      .groupBy(['recovered_attempt', 'currency'])
      .orderBy(sql`recovered_attempt IS NULL`)
      .orderBy('recovered_attempt')
      .orderBy('currency')
      .execute(),
    db
      .selectFrom('invoice_recoveries')
      .where('tenant_id', '=', tenantId)
      .where('status', 'in', OPEN_RECOVERY_STATUSES)
      .select(['currency', sql<number>`count(*)`.as('n'), sql<number>`sum(failed_amount)`.as('amount')])
      .groupBy('currency')
      .execute(),
  ]);
  const byMonth = monthly.map((r) => ({
    month: r.month,
    currency: r.currency,
    failedCount: Number(r.failed_count),
    failedAmount: Number(r.failed_amount),
    recoveredCount: Number(r.recovered_count),
    recoveredAmount: Number(r.recovered_amount),
    lostCount: Number(r.lost_count),
    lostAmount: Number(r.lost_amount),
    rate: recoveryRate({ recoveredAmount: Number(r.recovered_amount), lostAmount: Number(r.lost_amount) }),
  }));
  const currencies = [...new Set([...byMonth.map((m) => m.currency), ...open.map((o) => o.currency)])].sort();
  const totals = currencies.map((currency) => {
    const rows = byMonth.filter((m) => m.currency === currency);
    const sum = (pick: (m: (typeof byMonth)[number]) => number) => rows.reduce((s, m) => s + pick(m), 0);
    const inRecovery = open.find((o) => o.currency === currency);
    const recoveredAmount = sum((m) => m.recoveredAmount);
    const lostAmount = sum((m) => m.lostAmount);
    return {
      currency,
      failedCount: sum((m) => m.failedCount),
      failedAmount: sum((m) => m.failedAmount),
      recoveredCount: sum((m) => m.recoveredCount),
      recoveredAmount,
      lostCount: sum((m) => m.lostCount),
      lostAmount,
      rate: recoveryRate({ recoveredAmount, lostAmount }),
      inRecoveryCount: Number(inRecovery?.n ?? 0),
      inRecoveryAmount: Number(inRecovery?.amount ?? 0),
    };
  });
  return {
    months: Array.from({ length: input.months }, (_, i) =>
      monthOf(monthStart(input.now, input.months - 1 - i)),
    ),
    currencies,
    totals,
    byMonth,
    byAttempt: attempts.map((r) => ({
      attempt: r.recovered_attempt,
      currency: r.currency,
      count: Number(r.n),
      amount: Number(r.amount),
    })),
  };
}
