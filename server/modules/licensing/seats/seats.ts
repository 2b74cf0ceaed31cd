import type { Transaction } from 'kysely';
import { newId } from '../../../../shared/ids';
import { mayAddUser, userCeiling } from '../../../../shared/licensing/policy';
import type { Actor, EntityChange } from '../../../commands/run-command';
import type { DB } from '../../../db/schema';
import { DomainError, notFound } from '../../../lib/errors';
import { accountEmailBranding } from '../../branding';
import { queueStaffNotice } from '../../emails';
import { policyFromRow } from '../rows';

/**
 * Named seats on a license (issue 15): a person the platform's app knows by `user_ref` (its
 * user id, or the email, lower-cased) holds one. Assigning respects the policy's user ceiling
 * (`mayAddUser`: the maximum with its overage allowance) and sends the holder an email through
 * the outbox; removing frees the seat. Both run inside the caller's command (its transaction,
 * audit and change log): staff and account admins assign through the same functions.
 */

export interface SeatScope {
  tenantId: string;
  actor: Actor;
  /** Set for an account admin: a license of any other customer is not found. */
  customerId?: string;
}

export interface Seat {
  id: string;
  licenseId: string;
  userRef: string;
  email: string | null;
  name: string | null;
  assignedAt: number;
  assignedBy: string | null;
}

type SeatRow = DB['license_seats'];

export const seatFromRow = (row: SeatRow): Seat => ({
  id: row.id,
  licenseId: row.license_id,
  userRef: row.user_ref,
  email: row.email,
  name: row.name,
  assignedAt: row.assigned_at,
  assignedBy: row.assigned_by,
});

/** The license as seats need it, in the scope's tenant (and customer); revoked ones take no seats. */
async function seatableLicense(trx: Transaction<DB>, scope: SeatScope, licenseId: string) {
  let q = trx
    .selectFrom('licenses')
    .innerJoin('license_policies', 'license_policies.id', 'licenses.policy_id')
    .innerJoin('customers', 'customers.id', 'licenses.customer_id')
    .selectAll('license_policies')
    .select([
      'licenses.id as license_id',
      'licenses.name as license_name',
      'licenses.status as license_status',
      'licenses.customer_id as customer_id',
      'customers.name as customer_name',
      'customers.company as customer_company',
    ])
    .where('licenses.tenant_id', '=', scope.tenantId)
    .where('licenses.id', '=', licenseId);
  if (scope.customerId !== undefined) q = q.where('licenses.customer_id', '=', scope.customerId);
  const row = await q.executeTakeFirst();
  if (!row) throw notFound('License');
  return row;
}

export async function seatsOf(trx: Transaction<DB>, tenantId: string, licenseId: string): Promise<Seat[]> {
  const rows = await trx
    .selectFrom('license_seats')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('license_id', '=', licenseId)
    .orderBy('assigned_at')
    .orderBy('id')
    .execute();
  return rows.map(seatFromRow);
}

export interface AssignSeat {
  licenseId: string;
  email: string;
  name?: string | null;
  /** The platform's user id; omitted: the email. Lower-cased either way. */
  userRef?: string | null;
}

/** Gives a named seat on a license; refuses a second seat for the same user, and past the ceiling. */
export async function assignSeat(
  trx: Transaction<DB>,
  scope: SeatScope,
  input: AssignSeat,
  now: number,
): Promise<{ seat: Seat; changes: EntityChange[] }> {
  const license = await seatableLicense(trx, scope, input.licenseId);
  if (license.license_status === 'REVOKED') {
    throw new DomainError('INVALID_STATE', `${license.license_name} is revoked: it takes no seats`);
  }
  const email = input.email.trim().toLowerCase();
  const userRef = (input.userRef ?? email).trim().toLowerCase();
  const seats = await seatsOf(trx, scope.tenantId, license.license_id);
  const holder = seats.find((s) => s.userRef === userRef);
  if (holder) {
    throw new DomainError('CONFLICT', `${userRef} already holds a seat on ${license.license_name}`, {
      email: [`${holder.name ?? userRef} already holds a seat`],
    });
  }
  const policy = policyFromRow(license);
  if (!mayAddUser(policy, seats.length)) {
    const ceiling = userCeiling(policy) ?? seats.length;
    throw new DomainError(
      'INVALID_STATE',
      `All ${ceiling} seats of ${license.license_name} are taken; remove a seat before assigning another`,
    );
  }
  const row: SeatRow = {
    id: newId('lse', now),
    tenant_id: scope.tenantId,
    customer_id: license.customer_id,
    license_id: license.license_id,
    user_ref: userRef,
    email,
    name: input.name?.trim() || null,
    assigned_at: now,
    assigned_by: scope.actor.userId,
  };
  await trx.insertInto('license_seats').values(row).execute();
  const seat = seatFromRow(row);
  await queueStaffNotice(
    trx,
    {
      tenantId: scope.tenantId,
      noticeId: `license_seat:${row.id}`,
      recipients: [{ name: seat.name ?? email, email }],
      draftFor: (recipient) => ({
        template: 'license_seat_invitation',
        facts: {
          recipientName: recipient.name,
          accountName: license.customer_company ?? license.customer_name,
          licenseName: license.license_name,
          assignedBy: scope.actor.name,
          userRef,
        },
      }),
      // Sent for the account: in its published branding (else the workspace's), as its admins' invitations.
      branding: await accountEmailBranding(trx, scope.tenantId, license.customer_id),
    },
    now,
  );
  return {
    seat,
    changes: [{ entityType: 'license_seat', entityId: row.id, before: null, after: { ...seat } }],
  };
}

/** Frees a seat of a license in scope; a seat of another license (or customer) is not found. */
export async function removeSeat(
  trx: Transaction<DB>,
  scope: SeatScope,
  input: { licenseId: string; seatId: string },
): Promise<{ seat: Seat; changes: EntityChange[] }> {
  const license = await seatableLicense(trx, scope, input.licenseId);
  const row = await trx
    .selectFrom('license_seats')
    .selectAll()
    .where('tenant_id', '=', scope.tenantId)
    .where('license_id', '=', license.license_id)
    .where('id', '=', input.seatId)
    .executeTakeFirst();
  if (!row) throw notFound('Seat');
  await trx.deleteFrom('license_seats').where('id', '=', row.id).execute();
  const seat = seatFromRow(row);
  return {
    seat,
    changes: [{ entityType: 'license_seat', entityId: row.id, before: { ...seat }, after: null }],
  };
}
