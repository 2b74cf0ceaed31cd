import { checkActivationProof, readActivationRequest } from '../../../../shared/licensing/activation';
import { runCommand, type CommandScope } from '../../../commands/run-command';
import { DomainError } from '../../../lib/errors';
import { openLicenseKey } from '../keys/sealed';
import { findLicenseRow } from '../licenses/row';
import { activateMachine } from '../machines/machines';
import { machineFileFor, type IssuedFile } from './service';

/**
 * Offline activation by staff (docs/licensing.md, "Offline activation"): the request file an
 * air-gapped app wrote names its license and proves (HMAC with the license's key) that its
 * writer holds the key. The machine is activated by the API's own rule (machines/: the
 * license in good standing, the policy's ceiling; the same fingerprint again answers the same
 * machine) and its machine file is returned, in one audited transaction.
 */

export interface OfflineActivation extends IssuedFile {
  machine: { id: string; fingerprint: string; name: string | null; platform: string | null };
}

export function activateOffline(
  scope: CommandScope,
  input: { request: string; encrypt: boolean },
): Promise<OfflineActivation> {
  return runCommand(scope, 'license_machine.activated_offline', async (trx, now) => {
    const read = readActivationRequest(input.request);
    if (!read.ok) {
      throw new DomainError('INVALID_INPUT', `The request file cannot be read: ${read.detail}`, {
        request: [read.detail],
      });
    }
    const { request } = read;
    const license = await findLicenseRow(trx, scope.tenantId, request.licenseId);
    if (!(await checkActivationProof(request, openLicenseKey(license.id, license.key_sealed)))) {
      throw new DomainError('INVALID_INPUT', 'This request was not written with the license’s key', {
        request: ['Its proof does not match the license’s key'],
      });
    }
    if (license.status !== 'ACTIVE') {
      throw new DomainError(
        'INVALID_STATE',
        `This license is ${license.status.toLowerCase()}: no machine is activated on it`,
      );
    }
    const { machine, change } = await activateMachine(trx, {
      tenantId: scope.tenantId,
      license,
      fingerprint: request.fingerprint,
      name: request.name || null,
      platform: request.platform || null,
      via: 'offline',
      by: scope.actor.userId,
      now,
    });
    const file = await machineFileFor(trx, scope.tenantId, machine.id, { encrypt: input.encrypt, now });
    const issued = { fileName: file.fileName, encrypted: input.encrypt, issuedAt: now };
    return {
      result: {
        ...file,
        machine: {
          id: machine.id,
          fingerprint: machine.fingerprint,
          name: machine.name,
          platform: machine.platform,
        },
      },
      changes: [
        ...(change ? [change] : []),
        { entityType: 'machine_file', entityId: machine.id, before: null, after: issued },
      ],
    };
  });
}
