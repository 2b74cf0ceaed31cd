import { runCommand, type CommandScope } from '../../../commands/run-command';
import { parseLicenseKey } from '../../../../shared/licensing/signing';
import { DomainError } from '../../../lib/errors';
import { openLicenseKey } from '../keys/sealed';
import { makeLicenseKey } from './key';
import { licenseChange, loadForChange, saveLicense, type License } from './row';

/**
 * Gives a license whose key leaked a new one (docs/licensing.md, "Re-keying"): signed now with
 * the active signing key, it replaces the stored hash, sealed text and hint in one audited
 * transaction, so the old key finds nothing from then on. Machines, seats, usage and the log
 * stay; files encrypted with the old key no longer open and are downloaded again. The new key
 * is returned this once.
 */
export function rekeyLicense(
  scope: CommandScope,
  input: { id: string; expectedVersion: number },
): Promise<{ license: License; key: string }> {
  return runCommand(scope, 'license.rekeyed', async (trx, now) => {
    const current = await loadForChange(trx, scope.tenantId, input.id, input.expectedVersion);
    if (current.status === 'REVOKED') {
      throw new DomainError('INVALID_STATE', 'A revoked license cannot be given a new key');
    }
    // A key is its signed payload (license, tenant, time): signed in the same millisecond by the
    // same signing key, it would come out the same. A later time always gives a new key.
    const oldKey = parseLicenseKey(openLicenseKey(current.id, current.key_sealed));
    const signedAt = Math.max(now, (oldKey?.payload.issuedAt ?? 0) + 1);
    const { key, stored } = await makeLicenseKey(trx, scope.tenantId, current.id, signedAt);
    const { before, after } = await saveLicense(trx, current, { key_hint: stored.key_hint }, now);
    // saveLicense never writes the key's hash or sealed text; here, and only here, they change.
    await trx
      .updateTable('licenses')
      .set({ key_hash: stored.key_hash, key_sealed: stored.key_sealed })
      .where('id', '=', current.id)
      .execute();
    return { result: { license: after, key }, changes: [licenseChange(before, after)] };
  });
}
