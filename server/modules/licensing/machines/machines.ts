import type { Transaction } from 'kysely';
import { decide } from '../../../../shared/licensing/decision';
import {
  MAX_FINGERPRINT_LENGTH,
  MAX_MACHINE_NAME_LENGTH,
  MAX_PLATFORM_LENGTH,
} from '../../../../shared/licensing/activation';
import { machineCeiling, mayActivateMachine, type Policy } from '../../../../shared/licensing/policy';
import { newId } from '../../../../shared/ids';
import type { EntityChange } from '../../../commands/run-command';
import type { DB } from '../../../db/schema';
import { serializeOn } from '../../../db/locks';
import { DomainError } from '../../../lib/errors';
import { licenseStateOf, policyFromRow, type LicenseRow, type MachineRow, type PolicyRow } from '../rows';
import { LicenseRefusal } from './refusal';

/**
 * Machine activations (docs/licensing.md, "Validation"): one row per (license, fingerprint).
 * Activating a fingerprint the license already has answers that machine (an app that
 * activates on every start makes no second row); a new one must fit under the policy's
 * machine ceiling (`mayActivateMachine`: node-locked is 1, floating its maximum, both raised
 * by the overage strategy). Runs in the caller's transaction, so a console command audits it
 * and a REST call commits it with its own audit entry; activations of one license are
 * serialized, so two at once cannot both take the last place.
 */

export type ActivationVia = MachineRow['activated_via'];

export interface ActivateMachineInput {
  tenantId: string;
  license: LicenseRow;
  fingerprint: string;
  name: string | null;
  platform: string | null;
  via: ActivationVia;
  /** Who activated: a user id (console, offline upload) or null (the license key, over the API). */
  by: string | null;
  now: number;
}

export interface MachineOutcome {
  machine: MachineRow;
  /** False when the fingerprint was already active (activation) — nothing was written. */
  changed: boolean;
  /** The audit trail's entry for it; null when nothing changed. */
  change: EntityChange | null;
}

function checkText(field: string, value: string | null, max: number, min = 0): void {
  if (value === null) return;
  if (value.length < min || value.length > max) {
    throw new DomainError('INVALID_INPUT', `${field} must be ${min}–${max} characters`, {
      [field]: [`${min}–${max} characters`],
    });
  }
}

const machineSnapshot = (row: MachineRow): Record<string, unknown> => ({ ...row });

async function policyOf(trx: Transaction<DB>, license: LicenseRow): Promise<PolicyRow> {
  const policy = await trx
    .selectFrom('license_policies')
    .selectAll()
    .where('id', '=', license.policy_id)
    .where('tenant_id', '=', license.tenant_id)
    .executeTakeFirst();
  if (!policy) throw new LicenseRefusal('NOT_FOUND', 'the license has no policy');
  return policy;
}

/**
 * The license's standing before a machine is added: revoked is not found; suspended, expired
 * (under RESTRICT or REVOKE) and overdue refuse as validation would. The decision is asked
 * about the license alone (no machines, seats or usage), so NO_MACHINE cannot refuse the very
 * activation that would cure it.
 */
export function refuseUnlessInGoodStanding(license: LicenseRow, policy: PolicyRow, now: number): void {
  if (license.status === 'REVOKED') throw new LicenseRefusal('NOT_FOUND', 'the license was revoked');
  const alone: Policy = { ...policyFromRow(policy), machineMode: 'NONE', maxUsers: null, usageLimits: [] };
  const state = licenseStateOf({ license, policy, machines: [], users: [], usage: {} });
  const answer = decide(state, alone, { key: '' }, now);
  if (!answer.valid) throw new LicenseRefusal(answer.code, answer.detail);
}

async function machinesOf(trx: Transaction<DB>, licenseId: string): Promise<MachineRow[]> {
  return trx.selectFrom('license_machines').selectAll().where('license_id', '=', licenseId).execute();
}

function ownLicense(tenantId: string, license: LicenseRow): void {
  // A license of another tenant is none of this tenant's business: said as not found.
  if (license.tenant_id !== tenantId) throw new LicenseRefusal('NOT_FOUND', 'no such license');
}

export async function activateMachine(
  trx: Transaction<DB>,
  input: ActivateMachineInput,
): Promise<MachineOutcome> {
  const { license, now } = input;
  ownLicense(input.tenantId, license);
  checkText('fingerprint', input.fingerprint, MAX_FINGERPRINT_LENGTH, 1);
  checkText('name', input.name, MAX_MACHINE_NAME_LENGTH);
  checkText('platform', input.platform, MAX_PLATFORM_LENGTH);
  await serializeOn(trx, `license-machines:${license.id}`);
  const policy = await policyOf(trx, license);
  refuseUnlessInGoodStanding(license, policy, now);
  const machines = await machinesOf(trx, license.id);
  const known = machines.find((m) => m.fingerprint === input.fingerprint);
  if (known) return { machine: known, changed: false, change: null };
  const rules = policyFromRow(policy);
  if (rules.machineMode === 'NONE') {
    throw new LicenseRefusal('MACHINES_NOT_USED', 'the license’s policy does not tie it to machines');
  }
  if (!mayActivateMachine(rules, machines.length)) {
    throw new LicenseRefusal(
      'TOO_MANY_MACHINES',
      `the license has ${machines.length} machines, at most ${machineCeiling(rules)}; deactivate one first`,
    );
  }
  const machine: MachineRow = {
    id: newId('lmc', now),
    tenant_id: license.tenant_id,
    customer_id: license.customer_id,
    license_id: license.id,
    fingerprint: input.fingerprint,
    name: input.name,
    platform: input.platform,
    activated_via: input.via,
    activated_at: now,
    last_heartbeat_at: null,
    created_by: input.by,
  };
  await trx.insertInto('license_machines').values(machine).execute();
  const change = {
    entityType: 'license_machine',
    entityId: machine.id,
    before: null,
    after: machineSnapshot(machine),
  };
  return { machine, changed: true, change };
}

export interface DeactivateMachineInput {
  tenantId: string;
  license: LicenseRow;
  /** The machine, by its fingerprint (the app) or its id (the console). */
  machine: { fingerprint: string } | { id: string };
  /** Who deactivated; the caller's audit entry records it (kept for symmetry with activation). */
  by?: string | null;
  now: number;
}

/** Removes a machine from its license (frees its place); an unknown machine is refused by name. */
export async function deactivateMachine(
  trx: Transaction<DB>,
  input: DeactivateMachineInput,
): Promise<MachineOutcome> {
  ownLicense(input.tenantId, input.license);
  if (input.license.status === 'REVOKED') throw new LicenseRefusal('NOT_FOUND', 'the license was revoked');
  await serializeOn(trx, `license-machines:${input.license.id}`);
  let query = trx.selectFrom('license_machines').selectAll().where('license_id', '=', input.license.id);
  query =
    'id' in input.machine
      ? query.where('id', '=', input.machine.id)
      : query.where('fingerprint', '=', input.machine.fingerprint);
  const machine = await query.executeTakeFirst();
  if (!machine)
    throw new LicenseRefusal('MACHINE_NOT_FOUND', 'no machine of the license has that fingerprint');
  await trx.deleteFrom('license_machines').where('id', '=', machine.id).execute();
  const change = {
    entityType: 'license_machine',
    entityId: machine.id,
    before: machineSnapshot(machine),
    after: null,
  };
  return { machine, changed: true, change };
}
