import { LICENSING_TABLES_V31 } from './0031_licensing';
import { byTenantId, pgSyncTriggers } from './pg-sync-triggers';
import { sqliteSyncTriggers } from './sqlite-sync-triggers';
import type { Migration } from './types';

/**
 * A validation log slot now stands for a run of identical validations (same outcome, machine,
 * user, client and address) in a row: `repeats` of them, from `first_validated_at` to
 * `validated_at` (decision 164). An app that validates every few seconds filled its license's
 * 100 slots with copies of one line within minutes, hiding the one different validation staff
 * look for, and every copy was a row written and replicated. Existing slots are runs of one.
 * The row log's triggers are made again with the two columns (replicas run this migration on
 * their own rows, so the existing rows need no new log entries).
 */
const VALIDATIONS = LICENSING_TABLES_V31.find((t) => t.name === 'license_validations');
if (!VALIDATIONS) throw new Error('license_validations is missing from the licensing tables');
const table = { ...VALIDATIONS, columns: [...VALIDATIONS.columns, 'repeats', 'first_validated_at'] };

const columns = (integer: 'INTEGER' | 'BIGINT') => `
    ALTER TABLE license_validations ADD COLUMN repeats ${integer} NOT NULL DEFAULT 1;
    ALTER TABLE license_validations ADD COLUMN first_validated_at ${integer} NOT NULL DEFAULT 0;
    UPDATE license_validations SET first_validated_at = validated_at;
`;

const dropSqliteTriggers = ['insert', 'update', 'delete']
  .map((op) => `\n    DROP TRIGGER sync_license_validations_${op};`)
  .join('');

export const validationRepeats: Migration = {
  version: 35,
  name: 'validation_repeats',
  sql: dropSqliteTriggers + columns('INTEGER') + sqliteSyncTriggers(table),
  postgres:
    `\n    ALTER TABLE license_validations DISABLE TRIGGER USER;` +
    columns('BIGINT') +
    `\n    ALTER TABLE license_validations ENABLE TRIGGER USER;` +
    pgSyncTriggers({ ...table, tenant: byTenantId }),
};
