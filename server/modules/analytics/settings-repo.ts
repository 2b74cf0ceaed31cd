import type { Kysely, Transaction } from 'kysely';
import type { MrrSettings } from '../../../shared/analytics/mrr-rules';
import type { DB } from '../../db/schema';

type Db = Kysely<DB> | Transaction<DB>;

/** Until a workspace chooses, figures are reported in US dollars and past-due subscriptions keep counting. */
export const DEFAULT_REPORTING_CURRENCY = 'USD';

export interface AnalyticsSettings extends MrrSettings {
  reportingCurrency: string;
  financePackRecipients: string[];
  rebuild: {
    status: 'idle' | 'running' | 'failed';
    done: number;
    total: number;
    error: string | null;
    rebuiltAt: number | null;
    differences: number | null;
  };
  version: number;
}

export async function findSettings(db: Db, tenantId: string): Promise<AnalyticsSettings> {
  const row = await db
    .selectFrom('analytics_settings')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .executeTakeFirst();
  if (!row) {
    return {
      reportingCurrency: DEFAULT_REPORTING_CURRENCY,
      pastDueChurnDays: null,
      financePackRecipients: [],
      rebuild: { status: 'idle', done: 0, total: 0, error: null, rebuiltAt: null, differences: null },
      version: 0,
    };
  }
  return {
    reportingCurrency: row.reporting_currency,
    pastDueChurnDays: row.past_due_churn_days,
    financePackRecipients: JSON.parse(row.finance_pack_recipients) as string[],
    rebuild: {
      status: row.rebuild_status,
      done: row.rebuild_done,
      total: row.rebuild_total,
      error: row.rebuild_error,
      rebuiltAt: row.rebuilt_at,
      differences: row.rebuild_differences,
    },
    version: row.version,
  };
}

/** The settings row, made with the defaults when the workspace has none yet. */
export async function ensureSettingsRow(db: Db, tenantId: string, now: number): Promise<void> {
  await db
    .insertInto('analytics_settings')
    .values({
      tenant_id: tenantId,
      reporting_currency: DEFAULT_REPORTING_CURRENCY,
      past_due_churn_days: null,
      finance_pack_recipients: '[]',
      rebuild_status: 'idle',
      rebuild_done: 0,
      rebuild_total: 0,
      rebuild_error: null,
      rebuilt_at: null,
      rebuild_differences: null,
      version: 1,
      updated_at: now,
    })
    .onConflict((oc) => oc.column('tenant_id').doNothing())
    .execute();
}

export async function saveSettings(
  db: Db,
  tenantId: string,
  settings: { reportingCurrency: string; pastDueChurnDays: number | null; financePackRecipients: string[] },
  now: number,
): Promise<void> {
  await ensureSettingsRow(db, tenantId, now);
  await db
    .updateTable('analytics_settings')
    .set((eb) => ({
      reporting_currency: settings.reportingCurrency,
      past_due_churn_days: settings.pastDueChurnDays,
      finance_pack_recipients: JSON.stringify(settings.financePackRecipients),
      version: eb('version', '+', 1),
      updated_at: now,
    }))
    .where('tenant_id', '=', tenantId)
    .execute();
}

/** Records the background rebuild's progress (its own small write, outside the batches). */
export async function saveRebuildProgress(
  db: Db,
  tenantId: string,
  progress: Partial<{
    status: 'idle' | 'running' | 'failed';
    done: number;
    total: number;
    error: string | null;
    rebuiltAt: number;
    differences: number;
  }>,
  now: number,
): Promise<void> {
  await ensureSettingsRow(db, tenantId, now);
  await db
    .updateTable('analytics_settings')
    .set({
      rebuild_status: progress.status,
      rebuild_done: progress.done,
      rebuild_total: progress.total,
      rebuild_error: progress.error,
      rebuilt_at: progress.rebuiltAt,
      rebuild_differences: progress.differences,
      updated_at: now,
    })
    .where('tenant_id', '=', tenantId)
    .execute();
}
