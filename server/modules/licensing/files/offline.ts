import type { Transaction } from 'kysely';
import { checkActivationProof, readActivationRequest } from '../../../../shared/licensing/activation';
import { machineCeiling, mayActivateMachine } from '../../../../shared/licensing/policy';
import { runCommand, type CommandScope, type EntityChange } from '../../../commands/run-command';
import { serializeOn } from '../../../db/locks';
import type { DB } from '../../../db/schema';
import { DomainError } from '../../../lib/errors';
import { newId } from '../../../../shared/ids';
import { openLicenseKey } from '../keys/sealed';
import { findPolicyRow } from '../policies/service';
import { findLicenseRow } from '../licenses/row';
import { policyFromRow, type LicenseRow, type MachineRow } from '../rows';
import { machineFileFor, type IssuedFile } from './service';

/**
 * Offline activation by staff (docs/licensing.md, "Offline activation"): the request file an
 * air-gapped app wrote names its license and proves (HMAC with the license's key) that its
 * writer holds the key; the machine is activated (an upload of the same fingerprint again
 * answers the same machine) and its machine file is returned, in one audited transaction.
 */

export interface OfflineActivation extends IssuedFile {
  machine: { id: string; fingerprint: string; name: string | null; platform: string | null };
}

/** The machine of the request: the license's machine with that fingerprint, else a new one within the policy's ceiling. */
async function machineFor(
  trx: Transaction<DB>,
  license: LicenseRow,
  request: { fingerprint: string; name: string; platform: string },
  by: string | null,
  now: number,
): Promise<{ machine: MachineRow; change: EntityChange | null }> {
  await serializeOn(trx, `license-machines:${license.id}`);
  const machines = await trx
    .selectFrom('license_machines')
    .selectAll()
    .where('license_id', '=', license.id)
    .execute();
  const known = machines.find((m) => m.fingerprint === request.fingerprint);
  if (known) return { machine: known, change: null };
  const policy = policyFromRow(await findPolicyRow(trx, license.tenant_id, license.policy_id));
  if (policy.machineMode === 'NONE') {
    throw new DomainError(
      'INVALID_STATE',
      'This license’s policy does not tie it to machines: no machine file is needed',
    );
  }
  if (!mayActivateMachine(policy, machines.length)) {
    throw new DomainError(
      'CONFLICT',
      `The license has ${machines.length} machines, at most ${machineCeiling(policy)}: deactivate one first`,
    );
  }
  const machine: MachineRow = {
    id: newId('lmc', now),
    tenant_id: license.tenant_id,
    customer_id: license.customer_id,
    license_id: license.id,
    fingerprint: request.fingerprint,
    name: request.name || null,
    platform: request.platform || null,
    activated_via: 'offline',
    activated_at: now,
    last_heartbeat_at: null,
    created_by: by,
  };
  await trx.insertInto('license_machines').values(machine).execute();
  return {
    machine,
    change: { entityType: 'license_machine', entityId: machine.id, before: null, after: { ...machine } },
  };
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
    const { machine, change } = await machineFor(trx, license, request, scope.actor.userId, now);
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
