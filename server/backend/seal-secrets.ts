import type { Kysely, Transaction } from 'kysely';
import type { AppDatabase } from '../db/connection';
import type { DB } from '../db/schema';
import {
  createSecretBox,
  SecretBoxError,
  sealedKeyId,
  type SecretBox,
  type SecretKeys,
} from '../lib/secret-box';
import { installSecretKeys, type SealedSecretTable } from '../lib/secrets-at-rest';
import { licenseKeySecretTable, signingKeySecretTable } from '../modules/licensing/keys/sealed';
import { stripeSecretTable } from '../modules/stripe-events/sealed-secret';
import { webhookSecretTable } from '../modules/webhooks/secrets';

/**
 * Secrets at rest, at start (issue 13): installs the backend's keys, then brings every stored
 * signing secret under the current key. A plain value (from before sealing) is sealed; one
 * sealed under a previous key is sealed again under the current one, so after one start with
 * TOLLGATE_SECRETS_KEY_PREVIOUS the old key can go. One transaction per table; a second run
 * changes nothing. A value no configured key opens stops the start with the table and the key
 * id, rather than failing every delivery later. This runs in code, not in a migration: the key
 * is known only at run time.
 */

/** How many values were sealed (plain) or sealed again (previous key), per table. */
export type SealReport = Record<string, { sealed: number; resealed: number }>;

/** Each table's owning module says how to read and write it. */
const TABLES: SealedSecretTable<Transaction<DB>>[] = [
  stripeSecretTable,
  webhookSecretTable,
  signingKeySecretTable,
  licenseKeySecretTable,
];

async function sealTable(
  db: Kysely<DB>,
  box: SecretBox,
  currentKeyId: string,
  spec: SealedSecretTable<Transaction<DB>>,
) {
  return db.transaction().execute(async (trx) => {
    const counts = { sealed: 0, resealed: 0 };
    for (const row of await spec.rows(trx)) {
      const keyId = sealedKeyId(row.secret);
      if (keyId === currentKeyId) {
        opened(box, spec, row); // checked now, not on the first delivery
        continue;
      }
      const plain = keyId === null ? row.secret : opened(box, spec, row);
      await spec.write(trx, row.key, box.seal(plain, spec.context(row.key)));
      counts[keyId === null ? 'sealed' : 'resealed'] += 1;
    }
    return counts;
  });
}

function opened(
  box: SecretBox,
  spec: SealedSecretTable<Transaction<DB>>,
  row: { key: string; secret: string },
): string {
  try {
    return box.open(row.secret, spec.context(row.key));
  } catch (error) {
    if (!(error instanceof SecretBoxError)) throw error;
    throw new SecretBoxError(`${spec.table}: ${error.message}`);
  }
}

/** Seals what is plain and reseals what an older key sealed; throws SecretBoxError naming the table. */
export async function sealStoredSecrets(db: Kysely<DB>, keys: SecretKeys): Promise<SealReport> {
  const box = createSecretBox(keys.current, keys.previous);
  const report: SealReport = {};
  for (const spec of TABLES) report[spec.table] = await sealTable(db, box, keys.current.id, spec);
  return report;
}

/**
 * At start: the stored secrets are brought under these keys, then the process's box gets them.
 * On SQLite the sealing runs with secure_delete, so a plain value it replaces is overwritten
 * with zeros in the file rather than left in freed space.
 */
export async function prepareSecretsAtRest(database: AppDatabase, keys: SecretKeys): Promise<SealReport> {
  const sqlite = database.dialect === 'sqlite' ? database.sqlite : null;
  const secureDelete = sqlite?.pragma('secure_delete', { simple: true });
  sqlite?.pragma('secure_delete = ON');
  try {
    const report = await sealStoredSecrets(database.db, keys);
    installSecretKeys(keys);
    return report;
  } finally {
    sqlite?.pragma(`secure_delete = ${secureDelete ? 'ON' : 'OFF'}`);
  }
}
