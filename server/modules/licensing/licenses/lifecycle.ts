import { DAY_MS } from '../../../../shared/licensing/policy';
import { runCommand, type CommandScope } from '../../../commands/run-command';
import { DomainError } from '../../../lib/errors';
import { openLicenseKey } from '../keys/sealed';
import { subscriptionRenewalExpiry } from '../lifecycle/renewal';
import { findPolicyRow } from '../policies/service';
import { findLicenseRow, licenseChange, loadForChange, saveLicense, toLicense, type License } from './row';

/**
 * Staff's actions on an issued license: suspend and reinstate, renew, revoke, and reveal its
 * key. Each is one transaction, audited, and (but the reveal) starts from the version the
 * caller saw. A revoked license is final: machines and seats stay for the record.
 */

interface Versioned {
  id: string;
  expectedVersion: number;
}

function refuseRevoked(status: string, doing: string): void {
  if (status === 'REVOKED') throw new DomainError('INVALID_STATE', `A revoked license cannot be ${doing}`);
}

export function suspendLicense(scope: CommandScope, input: Versioned & { reason: string }): Promise<License> {
  return runCommand(scope, 'license.suspended', async (trx, now) => {
    const current = await loadForChange(trx, scope.tenantId, input.id, input.expectedVersion);
    refuseRevoked(current.status, 'suspended');
    if (current.status === 'SUSPENDED')
      throw new DomainError('INVALID_STATE', 'This license is already suspended');
    const { before, after } = await saveLicense(
      trx,
      current,
      { status: 'SUSPENDED', suspended_reason: input.reason },
      now,
    );
    return { result: after, changes: [licenseChange(before, after)] };
  });
}

export function reinstateLicense(scope: CommandScope, input: Versioned): Promise<License> {
  return runCommand(scope, 'license.reinstated', async (trx, now) => {
    const current = await loadForChange(trx, scope.tenantId, input.id, input.expectedVersion);
    refuseRevoked(current.status, 'reinstated');
    if (current.status !== 'SUSPENDED')
      throw new DomainError('INVALID_STATE', 'This license is not suspended');
    const { before, after } = await saveLicense(
      trx,
      current,
      { status: 'ACTIVE', suspended_reason: null },
      now,
    );
    return { result: after, changes: [licenseChange(before, after)] };
  });
}

/**
 * Extends the expiry: a FIXED policy by its duration from the later of now and the current
 * expiry (renewing early loses nothing); a SUBSCRIPTION policy to the linked subscription's
 * current period end, refused when it has none to come (lifecycle/renewal.ts). Reminders start
 * over for the new expiry.
 */
export function renewLicense(scope: CommandScope, input: Versioned): Promise<License> {
  return runCommand(scope, 'license.renewed', async (trx, now) => {
    const current = await loadForChange(trx, scope.tenantId, input.id, input.expectedVersion);
    refuseRevoked(current.status, 'renewed');
    const policy = await findPolicyRow(trx, scope.tenantId, current.policy_id);
    let expiresAt: number;
    if (policy.duration_kind === 'FIXED') {
      expiresAt = Math.max(now, current.expires_at ?? now) + (policy.duration_days ?? 0) * DAY_MS;
    } else {
      expiresAt = await subscriptionRenewalExpiry(trx, current, now);
    }
    const { before, after } = await saveLicense(
      trx,
      current,
      { expires_at: expiresAt, renewed_at: now, expiry_reminded_days: null },
      now,
    );
    return { result: after, changes: [licenseChange(before, after)] };
  });
}

export function revokeLicense(
  scope: CommandScope,
  input: Versioned & { reason?: string | null },
): Promise<License> {
  return runCommand(scope, 'license.revoked', async (trx, now) => {
    const current = await loadForChange(trx, scope.tenantId, input.id, input.expectedVersion);
    refuseRevoked(current.status, 'revoked again');
    const { before, after } = await saveLicense(trx, current, { status: 'REVOKED', revoked_at: now }, now);
    return {
      result: after,
      changes: [licenseChange(before, after, input.reason ? { revokedReason: input.reason } : {})],
    };
  });
}

/** The license's key, shown again to staff who manage licensing; the reveal is audited, the key never. */
export function revealLicenseKey(scope: CommandScope, id: string): Promise<{ key: string }> {
  return runCommand(scope, 'license.key_revealed', async (trx) => {
    const row = await findLicenseRow(trx, scope.tenantId, id);
    const key = openLicenseKey(row.id, row.key_sealed);
    const license = toLicense(row);
    return { result: { key }, changes: [licenseChange(license, license)] };
  });
}
