import type { Kysely, Transaction } from 'kysely';
import { decide } from '../../../../shared/licensing/decision';
import { runCommand, type Actor, type EntityChange } from '../../../commands/run-command';
import type { DB } from '../../../db/schema';
import type { Clock } from '../../../lib/clock';
import type { Logger } from '../../../lib/logger';
import { activateMachine, deactivateMachine, refuseUnlessInGoodStanding } from '../machines/machines';
import { LicenseRefusal, type LicenseRefusalCode } from '../machines/refusal';
import type { LicenseRow, MachineRow } from '../rows';
import { licenseKeyHash } from './key-hash';
import { clientOf, licenseFor, summaryOf, type LicenseCaller, type LicenseSummary } from './validate';
import { forgetLicenseView, readLicenseView } from './view';

/**
 * The app's actions on its license over the API (docs/rest-api.md, "Licensing"): activate and
 * deactivate a machine (audited, as the console's are), check in, and a machine's heartbeat
 * (not audited: an app sends them all day). Each answers 200 with `ok` and a code: a refusal's
 * reason (NOT_FOUND, SUSPENDED, EXPIRED, TOO_MANY_MACHINES, MACHINE_NOT_FOUND…), or after
 * success the validation decision for the key and fingerprint as they now stand, so the app
 * learns at once whether it may run.
 */

export interface LicenseServices {
  db: Kysely<DB>;
  clock: Clock;
  logger: Logger;
}

export interface MachineSummary {
  id: string;
  fingerprint: string;
  name: string | null;
  platform: string | null;
  activated_at: number;
  last_heartbeat_at: number | null;
}

export interface ActionAnswer {
  object: 'license_action';
  ok: boolean;
  code: LicenseRefusalCode;
  detail: string;
  /** Whether the action wrote anything (activating an active fingerprint does not). */
  changed: boolean;
  machine: MachineSummary | null;
  license: LicenseSummary | null;
}

const machineSummary = (row: MachineRow): MachineSummary => ({
  id: row.id,
  fingerprint: row.fingerprint,
  name: row.name,
  platform: row.platform,
  activated_at: row.activated_at,
  last_heartbeat_at: row.last_heartbeat_at,
});

const refused = (code: LicenseRefusalCode, detail: string): ActionAnswer => ({
  object: 'license_action',
  ok: false,
  code,
  detail,
  changed: false,
  machine: null,
  license: null,
});

interface Done {
  machine: MachineRow | null;
  changed: boolean;
  /** The audit trail's entry, for an audited action. */
  change?: EntityChange | null;
}

type Work = (trx: Transaction<DB>, license: LicenseRow, now: number) => Promise<Done>;

/** The license row as it stands inside the action's transaction (the view may be seconds old). */
async function currentLicense(trx: Transaction<DB>, id: string): Promise<LicenseRow> {
  const row = await trx.selectFrom('licenses').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row || row.status === 'REVOKED') throw new LicenseRefusal('NOT_FOUND', 'no license has this key');
  return row;
}

/**
 * Runs `work` on the key's license (audited as `action` when given), then answers the decision
 * as the license now stands for `fingerprint`.
 */
async function act(
  services: LicenseServices,
  request: { key: string; fingerprint?: string; caller: LicenseCaller; action: string | null },
  work: Work,
): Promise<ActionAnswer> {
  const { db, clock } = services;
  const view = await licenseFor(db, request.key, request.caller, clock.now());
  if (!view) return refused('NOT_FOUND', 'no license has this key');
  let done: Done;
  try {
    const run = async (trx: Transaction<DB>, now: number) =>
      work(trx, await currentLicense(trx, view.license.id), now);
    done = request.action
      ? await runCommand(
          { db, clock, tenantId: view.license.tenant_id, actor: actorOf(request.caller, view.license) },
          request.action,
          async (trx, now) => {
            const outcome = await run(trx, now);
            return { result: outcome, changes: outcome.change ? [outcome.change] : [] };
          },
        )
      : await db.transaction().execute((trx) => run(trx, clock.now()));
  } catch (error) {
    if (error instanceof LicenseRefusal) return refused(error.reason, error.message);
    throw error;
  } finally {
    forgetLicenseView(view.license.id);
  }
  const now = clock.now();
  const after = await readLicenseView(db, licenseKeyHash(request.key), now);
  if (!after) return refused('NOT_FOUND', 'no license has this key');
  const decision = decide(
    after.state,
    after.policy,
    { key: request.key, fingerprint: request.fingerprint },
    now,
  );
  return {
    object: 'license_action',
    ok: true,
    code: decision.code,
    detail: decision.detail,
    changed: done.changed,
    machine: done.machine ? machineSummary(done.machine) : null,
    license: summaryOf(after),
  };
}

function actorOf(caller: LicenseCaller, license: LicenseRow): Actor {
  return {
    userId: caller.kind === 'api-key' ? caller.keyId : null,
    name: caller.kind === 'api-key' ? `API key ${caller.keyId}` : `license key …${license.key_hint}`,
    client: `rest-api:${clientOf(caller)}`,
  };
}

export function activateByKey(
  services: LicenseServices,
  input: { key: string; fingerprint: string; name?: string | undefined; platform?: string | undefined },
  caller: LicenseCaller,
): Promise<ActionAnswer> {
  const request = {
    key: input.key,
    fingerprint: input.fingerprint,
    caller,
    action: 'license_machine.activated',
  };
  return act(services, request, async (trx, license, now) => {
    return activateMachine(trx, {
      tenantId: license.tenant_id,
      license,
      fingerprint: input.fingerprint,
      name: input.name ?? null,
      platform: input.platform ?? null,
      via: 'api',
      by: caller.kind === 'api-key' ? caller.keyId : null,
      now,
    });
  });
}

export function deactivateByKey(
  services: LicenseServices,
  input: { key: string; fingerprint: string },
  caller: LicenseCaller,
): Promise<ActionAnswer> {
  const request = { key: input.key, caller, action: 'license_machine.deactivated' };
  return act(services, request, async (trx, license, now) => {
    return deactivateMachine(trx, {
      tenantId: license.tenant_id,
      license,
      machine: { fingerprint: input.fingerprint },
      now,
    });
  });
}

/** Check-in: the license is heard from (the policy's check-in interval runs from now). */
export function checkInByKey(
  services: LicenseServices,
  input: { key: string },
  caller: LicenseCaller,
): Promise<ActionAnswer> {
  return act(services, { key: input.key, caller, action: null }, async (trx, license, now) => {
    const policy = await trx
      .selectFrom('license_policies')
      .selectAll()
      .where('id', '=', license.policy_id)
      .executeTakeFirstOrThrow();
    // A missed check-in is what this cures: the standing is judged as of the check-in.
    refuseUnlessInGoodStanding({ ...license, last_check_in_at: now }, policy, now);
    await trx.updateTable('licenses').set({ last_check_in_at: now }).where('id', '=', license.id).execute();
    return { machine: null, changed: true };
  });
}

/** A machine's heartbeat: it is alive (a heartbeat after its TTL brings it back; it kept its place). */
export function heartbeatByKey(
  services: LicenseServices,
  input: { key: string; fingerprint: string },
  caller: LicenseCaller,
): Promise<ActionAnswer> {
  const request = { key: input.key, fingerprint: input.fingerprint, caller, action: null };
  return act(services, request, async (trx, license, now) => {
    const machine = await trx
      .selectFrom('license_machines')
      .selectAll()
      .where('license_id', '=', license.id)
      .where('fingerprint', '=', input.fingerprint)
      .executeTakeFirst();
    if (!machine)
      throw new LicenseRefusal(
        'MACHINE_NOT_FOUND',
        'no machine of the license has that fingerprint; activate it first',
      );
    await trx
      .updateTable('license_machines')
      .set({ last_heartbeat_at: now })
      .where('id', '=', machine.id)
      .execute();
    return { machine: { ...machine, last_heartbeat_at: now }, changed: true };
  });
}
