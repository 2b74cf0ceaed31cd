import type { DomainErrorCode } from '../../../../shared/errors';
import type { ValidationCode } from '../../../../shared/licensing/decision';
import { DomainError } from '../../../lib/errors';

/**
 * Why a licensing action on a license was refused, in the validation API's vocabulary (the
 * decision's codes) plus the few an action adds. The console reads it as a DomainError (its
 * message and domain code); the REST API answers `code` and `detail` from it.
 */
export type LicenseRefusalCode =
  | ValidationCode
  /** The policy ties its licenses to no machine (machine mode NONE). */
  | 'MACHINES_NOT_USED'
  /** No machine of the license has that fingerprint (or id). */
  | 'MACHINE_NOT_FOUND';

const DOMAIN_CODES: Partial<Record<LicenseRefusalCode, DomainErrorCode>> = {
  NOT_FOUND: 'NOT_FOUND',
  MACHINE_NOT_FOUND: 'NOT_FOUND',
  TOO_MANY_MACHINES: 'CONFLICT',
};

export class LicenseRefusal extends DomainError {
  constructor(
    readonly reason: LicenseRefusalCode,
    message: string,
  ) {
    super(DOMAIN_CODES[reason] ?? 'INVALID_STATE', message);
  }
}
