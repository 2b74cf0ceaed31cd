import type { Transaction } from 'kysely';
import type { DB } from '../../../db/schema';
import { secretBox, type SealedSecretTable } from '../../../lib/secrets-at-rest';

/**
 * Licensing's secrets at rest (decision 122's box): each signing key's private half (PKCS#8)
 * and each license's key text, sealed and bound to their row, so a value copied into another
 * row does not open. The start step (server/backend/seal-secrets.ts) reseals both under a new
 * box key. A retired or removed signing key keeps no private half (it never signs again), so
 * its empty value is left out of the resealing.
 */

export const SIGNING_KEY_TABLE = 'license_signing_keys';
export const LICENSE_KEY_TABLE = 'licenses';

export const signingKeyContext = (kid: string) => `${SIGNING_KEY_TABLE}:${kid}`;
export const licenseKeyContext = (licenseId: string) => `${LICENSE_KEY_TABLE}:${licenseId}`;

export const sealPrivateKey = (kid: string, pkcs8: string) => secretBox().seal(pkcs8, signingKeyContext(kid));
export const openPrivateKey = (kid: string, sealed: string) =>
  secretBox().open(sealed, signingKeyContext(kid));

export const sealLicenseKey = (licenseId: string, key: string) =>
  secretBox().seal(key, licenseKeyContext(licenseId));
export const openLicenseKey = (licenseId: string, sealed: string) =>
  secretBox().open(sealed, licenseKeyContext(licenseId));

/** Signing keys' private halves, for the start step that seals and reseals them. */
export const signingKeySecretTable: SealedSecretTable<Transaction<DB>> = {
  table: SIGNING_KEY_TABLE,
  rows: (trx) =>
    trx
      .selectFrom('license_signing_keys')
      .select(['kid as key', 'private_key_sealed as secret'])
      .where('private_key_sealed', '<>', '')
      .execute(),
  write: async (trx, key, secret) => {
    await trx
      .updateTable('license_signing_keys')
      .set({ private_key_sealed: secret })
      .where('kid', '=', key)
      .execute();
  },
  context: signingKeyContext,
};

/** Licenses' keys, for the start step that seals and reseals them. */
export const licenseKeySecretTable: SealedSecretTable<Transaction<DB>> = {
  table: LICENSE_KEY_TABLE,
  rows: (trx) => trx.selectFrom('licenses').select(['id as key', 'key_sealed as secret']).execute(),
  write: async (trx, key, secret) => {
    await trx.updateTable('licenses').set({ key_sealed: secret }).where('id', '=', key).execute();
  },
  context: licenseKeyContext,
};
