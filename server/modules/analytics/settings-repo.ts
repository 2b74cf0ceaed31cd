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
      rebuild: { status: 'idle', done: 0, total: 0, error: null, rebuiltAt: null },
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
    },
    version: row.version,
  };
}
