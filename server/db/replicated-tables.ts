import { REPLICATED_TABLES_V10 } from './migrations/0010_sync';
import { REPLICATED_TABLES_V15 } from './migrations/0015_webhooks';
import { WEBHOOK_ENDPOINTS_V17 } from './migrations/0017_webhook_secret_overlap';
import { REPLICATED_TABLES_V25 } from './migrations/0025_analytics';
import { ACCOUNT_MEMBERS_V29 } from './migrations/0029_account_admins';
import { LICENSING_TABLES_V31 } from './migrations/0031_licensing';
import { BRANDING_TABLES_V32 } from './migrations/0032_branding';
import { MARKETPLACE_TABLES_V36 } from './migrations/0036_marketplace';

/** A table replicas receive: its name, key and the columns its row-log triggers copy. */
export interface ReplicatedTableColumns {
  name: string;
  key: readonly string[];
  columns: readonly string[];
}

/**
 * Every table a replica receives, from each migration that started logging one. A replica
 * applies rows of these tables only; TABLE_REACH (server/sync) says who may have them.
 */
export const REPLICATED_TABLES: readonly ReplicatedTableColumns[] = [
  ...REPLICATED_TABLES_V10,
  // Migration 0017 logs webhook_endpoints with one more column.
  ...REPLICATED_TABLES_V15.map((t) => (t.name === WEBHOOK_ENDPOINTS_V17.name ? WEBHOOK_ENDPOINTS_V17 : t)),
  // Migration 0025: the Overview's figures, offline on the desktop.
  ...REPLICATED_TABLES_V25,
  // Migration 0029: account admins' bindings, so a desktop builds their principal (decision 145).
  ACCOUNT_MEMBERS_V29,
  ...LICENSING_TABLES_V31,
  // Migration 0032: white-label branding, shown offline and signed into license files.
  ...BRANDING_TABLES_V32,
  // Migration 0036: the course marketplace, run by staff from the console offline too (decision 167).
  ...MARKETPLACE_TABLES_V36,
];
