import type { Kysely } from 'kysely';
import type { ValidateInput } from '../../../../shared/licensing/api-schema';
import { decide, type ValidationResult } from '../../../../shared/licensing/decision';
import type { DB } from '../../../db/schema';
import type { Logger } from '../../../lib/logger';
import { validationLogFor } from '../validations/log';
import { licenseKeyHash } from './key-hash';
import { licenseView, type LicenseView } from './view';

/**
 * `POST /api/v1/licenses/validate` (docs/rest-api.md, "Licensing"): the decision
 * (shared/licensing/decision.ts) on the license the key names. A key no license has, a revoked
 * license's key and, for an API key, a license of another workspace all answer NOT_FOUND, the
 * same way, so the answer never tells whether a key exists elsewhere. Logged in the license's
 * ring after the answer (validations/log.ts).
 */

/** Who calls: the license key alone, or a service's API key (its workspace bounds what it finds). */
export type LicenseCaller =
  | { kind: 'license-key'; address: string | null }
  | { kind: 'api-key'; keyId: string; tenantId: string; address: string | null };

export interface LicenseSummary {
  id: string;
  name: string;
  status: 'ACTIVE' | 'SUSPENDED';
  product: string;
  expires_at: number | null;
  last_check_in_at: number | null;
  entitlements: readonly string[];
  machines: number;
}

export interface ValidationAnswer extends ValidationResult {
  object: 'license_validation';
  license: LicenseSummary | null;
}

/** The license the key names, as `caller` may see it; null: NOT_FOUND. */
export async function licenseFor(
  db: Kysely<DB>,
  key: string,
  caller: LicenseCaller,
  now: number,
): Promise<LicenseView | null> {
  const view = await licenseView(db, licenseKeyHash(key), now);
  if (!view || view.license.status === 'REVOKED') return null;
  if (caller.kind === 'api-key' && view.license.tenant_id !== caller.tenantId) return null;
  return view;
}

export function summaryOf(view: LicenseView): LicenseSummary {
  return {
    id: view.license.id,
    name: view.license.name,
    status: view.license.status === 'SUSPENDED' ? 'SUSPENDED' : 'ACTIVE',
    product: view.state.productId,
    expires_at: view.license.expires_at,
    last_check_in_at: view.license.last_check_in_at,
    entitlements: view.state.entitlements,
    machines: view.state.machines.length,
  };
}

export const clientOf = (caller: LicenseCaller) => (caller.kind === 'api-key' ? caller.keyId : 'license-key');

export async function validateLicense(
  services: { db: Kysely<DB>; logger: Logger },
  input: ValidateInput,
  caller: LicenseCaller,
  now: number,
): Promise<ValidationAnswer> {
  const view = await licenseFor(services.db, input.key, caller, now);
  const result = decide(view?.state ?? null, view?.policy ?? null, input, now);
  if (view) {
    validationLogFor(services.db, services.logger).note({
      tenant_id: view.license.tenant_id,
      customer_id: view.license.customer_id,
      license_id: view.license.id,
      validated_at: now,
      valid: result.valid ? 1 : 0,
      code: result.code,
      fingerprint: input.fingerprint ?? null,
      user_ref: input.scope?.user ?? null,
      client: clientOf(caller),
      address: caller.address,
    });
  }
  return { object: 'license_validation', ...result, license: view ? summaryOf(view) : null };
}
