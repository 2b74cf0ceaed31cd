import type { Transaction } from 'kysely';
import { runCommand, type CommandScope } from '../../../commands/run-command';
import type { DB } from '../../../db/schema';
import { DomainError } from '../../../lib/errors';
import { linkPatch } from './relink';
import { activeCustomer, licenseChange, loadForChange, saveLicense, type License } from './row';

/**
 * Moves a license to another customer of the tenant (an acquisition, a reseller handing over).
 * Its machines, seats, usage, usage events and validation log move with it in the same
 * transaction — every licensing row carries its customer, so an account admin's replica and
 * reach follow the license. The old customer's subscription link is dropped (it is not the new
 * customer's); a subscription of the new customer may be named instead, and a SUBSCRIPTION
 * license then expires with that one's period (relink.ts).
 */

/** Every licensing row of the license carries its customer: each moves with it (tables named literally, as table-owners checks). */
async function moveRows(trx: Transaction<DB>, licenseId: string, customerId: string): Promise<void> {
  const to = { customer_id: customerId };
  await trx.updateTable('license_machines').set(to).where('license_id', '=', licenseId).execute();
  await trx.updateTable('license_seats').set(to).where('license_id', '=', licenseId).execute();
  await trx.updateTable('license_usage').set(to).where('license_id', '=', licenseId).execute();
  await trx.updateTable('license_usage_events').set(to).where('license_id', '=', licenseId).execute();
  await trx.updateTable('license_validations').set(to).where('license_id', '=', licenseId).execute();
}

export function transferLicense(
  scope: CommandScope,
  input: { id: string; expectedVersion: number; customerId: string; subscriptionId: string | null },
): Promise<License> {
  return runCommand(scope, 'license.transferred', async (trx, now) => {
    const current = await loadForChange(trx, scope.tenantId, input.id, input.expectedVersion);
    if (current.status === 'REVOKED')
      throw new DomainError('INVALID_STATE', 'A revoked license cannot be transferred');
    if (current.customer_id === input.customerId) {
      throw new DomainError('INVALID_INPUT', 'The license already belongs to this customer', {
        customerId: ['Choose another customer'],
      });
    }
    await activeCustomer(trx, scope.tenantId, input.customerId);
    const moved = { ...current, customer_id: input.customerId };
    // A SUBSCRIPTION license linked to the new customer's subscription expires with it, as a relink does.
    const link =
      input.subscriptionId === null
        ? { subscription_id: null }
        : await linkPatch(trx, scope.tenantId, moved, input.subscriptionId);
    await moveRows(trx, current.id, input.customerId);
    const { before, after } = await saveLicense(
      trx,
      current,
      { customer_id: input.customerId, ...link },
      now,
    );
    return { result: after, changes: [licenseChange(before, after)] };
  });
}
