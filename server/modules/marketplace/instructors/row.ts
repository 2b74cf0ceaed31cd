import type { InstructorFields } from '../../../../shared/marketplace/schema';
import type { DB } from '../../../db/schema';

export type InstructorRow = DB['instructors'];

/** An instructor as staff read and edit them: migration 0036's row, camelCase, flags as booleans. */
export interface Instructor extends InstructorFields {
  id: string;
  /** True while nothing is paid out to them: staff hold it, or their payout details are incomplete. */
  payoutsHeld: boolean;
  version: number;
  createdAt: number;
  updatedAt: number;
}

export const toInstructor = (row: InstructorRow): Instructor => ({
  id: row.id,
  name: row.name,
  email: row.email,
  customerId: row.customer_id,
  payoutAccountId: row.payout_account_id,
  payoutDetailsComplete: row.payout_details_complete === 1,
  shareBps: row.share_bps,
  payoutHold: row.payout_hold === 1,
  payoutsHeld: row.payout_hold === 1 || row.payout_details_complete !== 1,
  version: Number(row.version),
  createdAt: Number(row.created_at),
  updatedAt: Number(row.updated_at),
});

/** The columns an instructor's fields are stored in. */
export const instructorColumns = (fields: InstructorFields) => ({
  name: fields.name,
  email: fields.email,
  customer_id: fields.customerId,
  payout_account_id: fields.payoutAccountId,
  payout_details_complete: fields.payoutDetailsComplete ? (1 as const) : (0 as const),
  share_bps: fields.shareBps,
  payout_hold: fields.payoutHold ? (1 as const) : (0 as const),
});

/** The fields of a stored instructor, as an edit starts from them. */
export function instructorFieldsOf(instructor: Instructor): InstructorFields {
  return {
    name: instructor.name,
    email: instructor.email,
    customerId: instructor.customerId,
    payoutAccountId: instructor.payoutAccountId,
    payoutDetailsComplete: instructor.payoutDetailsComplete,
    shareBps: instructor.shareBps,
    payoutHold: instructor.payoutHold,
  };
}
