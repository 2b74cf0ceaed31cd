import { z } from 'zod';
import { licenseId, licenseMachineId } from './schema';

/**
 * Inputs of the account admins' licensing procedures (`accountLicenses.*`, decision 145): an
 * account admin works on their own customer's licenses, so no input names a customer.
 */

const rowId = (label: string) =>
  z
    .string({ error: `${label} must be text` })
    .regex(/^lse_[0-9A-Z]{26}$/, { error: `${label} must look like lse_…` });

export const licenseRef = licenseId;
export const machineRef = licenseMachineId;
export const seatRef = rowId('Seat id');

/** How long a seat holder's name and reference may be: what a person's name or an app's user id needs. */
export const MAX_SEAT_NAME_LENGTH = 200;
export const MAX_USER_REF_LENGTH = 200;
/** The most machines an account admin may release from one license in a day (Keygen's users ask for this). */
export const RELEASES_PER_LICENSE_PER_DAY = 5;

const email = z
  .string({ error: 'Email must be text' })
  .trim()
  .min(1, { error: 'Email is required' })
  .max(254, { error: 'Email must be at most 254 characters' })
  .toLowerCase()
  .pipe(z.email({ error: 'Email must be a valid address, like ada@example.com' }));

export const accountLicenseInput = z.strictObject({ id: licenseRef });

export const assignSeatInput = z.strictObject({
  licenseId: licenseRef,
  email,
  name: z
    .string({ error: 'Name must be text' })
    .trim()
    .max(MAX_SEAT_NAME_LENGTH, { error: `Name must be at most ${MAX_SEAT_NAME_LENGTH} characters` })
    .transform((v) => (v === '' ? null : v))
    .nullish(),
  /** The platform's id for the user (what `validate`'s user scope names); omitted: the email. */
  userRef: z
    .string({ error: 'User reference must be text' })
    .trim()
    .min(1, { error: 'User reference must not be empty' })
    .max(MAX_USER_REF_LENGTH, { error: `User reference must be at most ${MAX_USER_REF_LENGTH} characters` })
    .toLowerCase()
    .nullish(),
});
export type AssignSeatInput = z.input<typeof assignSeatInput>;

export const removeSeatInput = z.strictObject({ licenseId: licenseRef, seatId: seatRef });
export const releaseMachineInput = z.strictObject({ licenseId: licenseRef, machineId: machineRef });
