import type { Transaction } from 'kysely';
import { DAY_MS } from '../../../../shared/licensing/policy';
import { RELEASES_PER_LICENSE_PER_DAY } from '../../../../shared/licensing/account-schema';
import { runCommand, type CommandScope } from '../../../commands/run-command';
import type { DB } from '../../../db/schema';
import { DomainError, notFound } from '../../../lib/errors';
import { assignSeat, removeSeat, type AssignSeat } from '../seats/seats';

/**
 * What an account admin changes on their own licenses (decision 145): seats, and releasing a
 * machine that will not come back (a wiped laptop) so its slot is free again. Each runs as one
 * audited command in the tenant's chain, the customer taken from the admin's binding.
 */

export interface AccountCommandScope extends CommandScope {
  customerId: string;
}

export function assignAccountSeat(scope: AccountCommandScope, input: AssignSeat) {
  return runCommand(scope, 'license_seat.assigned', async (trx, now) => {
    const { seat, changes } = await assignSeat(trx, scope, input, now);
    return { result: seat, changes };
  });
}

export function removeAccountSeat(scope: AccountCommandScope, input: { licenseId: string; seatId: string }) {
  return runCommand(scope, 'license_seat.removed', async (trx) => {
    const { seat, changes } = await removeSeat(trx, scope, input);
    return { result: seat, changes };
  });
}

/** The audit action of a release by an account admin: what the daily allowance counts. */
export const RELEASED_BY_ACCOUNT = 'license_machine.released_by_account';

/**
 * Refuses a release past the allowance: RELEASES_PER_LICENSE_PER_DAY in any 24 hours, counted
 * from the license's own audit entries (durable, and shared by every server instance), saying
 * when the oldest of them stops counting.
 */
async function checkReleaseAllowance(trx: Transaction<DB>, scope: CommandScope, license: Named, now: number) {
  const recent = await trx
    .selectFrom('audit_log')
    .select('at')
    .where('tenant_id', '=', scope.tenantId)
    .where('entity_type', '=', 'license')
    .where('entity_id', '=', license.id)
    .where('action', '=', RELEASED_BY_ACCOUNT)
    .where('at', '>', now - DAY_MS)
    .orderBy('at', 'desc')
    .limit(RELEASES_PER_LICENSE_PER_DAY)
    .execute();
  if (recent.length < RELEASES_PER_LICENSE_PER_DAY) return;
  const oldest = Math.min(...recent.map((r) => Number(r.at)));
  const freesAt = new Date(oldest + DAY_MS).toISOString().slice(0, 16).replace('T', ' ');
  throw new DomainError(
    'RATE_LIMITED',
    `${RELEASES_PER_LICENSE_PER_DAY} machines of ${license.name} were released in the last 24 hours; ` +
      `the next release is possible at ${freesAt} UTC`,
  );
}

interface Named {
  id: string;
  name: string;
}

/** Deletes one machine of one of the account's licenses, within the daily allowance, audited on both. */
export function releaseAccountMachine(
  scope: AccountCommandScope,
  input: { licenseId: string; machineId: string },
) {
  return runCommand(scope, RELEASED_BY_ACCOUNT, async (trx, now) => {
    const license = await trx
      .selectFrom('licenses')
      .select(['id', 'name'])
      .where('tenant_id', '=', scope.tenantId)
      .where('customer_id', '=', scope.customerId)
      .where('id', '=', input.licenseId)
      .executeTakeFirst();
    if (!license) throw notFound('License');
    const machine = await trx
      .selectFrom('license_machines')
      .select(['id', 'fingerprint', 'name', 'platform', 'activated_at', 'last_heartbeat_at'])
      .where('tenant_id', '=', scope.tenantId)
      .where('license_id', '=', license.id)
      .where('id', '=', input.machineId)
      .executeTakeFirst();
    if (!machine) throw notFound('Machine');
    await checkReleaseAllowance(trx, scope, license, now);
    await trx.deleteFrom('license_machines').where('id', '=', machine.id).execute();
    const count = await trx
      .selectFrom('license_machines')
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .where('license_id', '=', license.id)
      .executeTakeFirstOrThrow();
    const before = {
      licenseId: license.id,
      fingerprint: machine.fingerprint,
      name: machine.name,
      platform: machine.platform,
      activatedAt: machine.activated_at,
      lastHeartbeatAt: machine.last_heartbeat_at,
    };
    const machines = Number(count.n);
    return {
      result: { machineId: machine.id, licenseId: license.id },
      changes: [
        { entityType: 'license_machine', entityId: machine.id, before, after: null },
        // On the license too: its trail shows the release, and the allowance counts these.
        {
          entityType: 'license',
          entityId: license.id,
          before: { machines: machines + 1 },
          after: { machines, released: machine.id },
        },
      ],
    };
  });
}
