import type { Transaction } from 'kysely';
import { signLicenseKey } from '../../../../shared/licensing/signing';
import type { DB } from '../../../db/schema';
import { licenseKeyHash } from '../api/key-hash';
import { signingKeyFor } from '../keys/service';
import { sealLicenseKey } from '../keys/sealed';
import { keyHintOf } from './row';

/** How a license row stores its key: the hash the API finds it by, the key sealed, its last characters. */
export interface StoredKey {
  key_hash: string;
  key_sealed: string;
  key_hint: string;
}

/**
 * A new key for the license, signed at `signedAt` with the tenant's active signing key (made on
 * first need), and the columns that store it. The key itself is the caller's to show once.
 */
export async function makeLicenseKey(
  trx: Transaction<DB>,
  tenantId: string,
  licenseId: string,
  signedAt: number,
): Promise<{ key: string; stored: StoredKey }> {
  const signingKey = await signingKeyFor(trx, tenantId, signedAt);
  const key = await signLicenseKey({ licenseId, tenantId, issuedAt: signedAt }, signingKey);
  return {
    key,
    stored: {
      key_hash: licenseKeyHash(key),
      key_sealed: sealLicenseKey(licenseId, key),
      key_hint: keyHintOf(key),
    },
  };
}
