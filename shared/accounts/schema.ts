import { z } from 'zod';
import { customerRef, invoiceId } from '../billing/schema';
import { INVOICE_STATUSES } from '../billing/invoice-status';
import { pageInput } from '../page';

/**
 * Inputs of account admins' procedures (decision 145) and of staff's management of them.
 * An account procedure never takes a customer id: the customer is the account admin's own.
 */

const email = z
  .string({ error: 'Email must be text' })
  .trim()
  .min(1, { error: 'Email is required' })
  .max(254, { error: 'Email must be at most 254 characters' })
  .toLowerCase()
  .pipe(z.email({ error: 'Email must be a valid address, like ada@example.com' }));

const userId = z
  .string({ error: 'User id must be text' })
  .regex(/^usr_[0-9A-Z]{26}$/, { error: 'User id must look like usr_…' });

export const accountInvitationId = z
  .string({ error: 'Invitation id must be text' })
  .regex(/^aiv_[0-9A-Z]{26}$/, { error: 'Invitation id must look like aiv_…' });

export const accountAdminsInput = z.strictObject({ customerId: customerRef });
export const accountAdminInviteInput = z.strictObject({ customerId: customerRef, email });
export type AccountAdminInviteInput = z.input<typeof accountAdminInviteInput>;
export const accountAdminRemoveInput = z.strictObject({ customerId: customerRef, userId });
export const byAccountInvitationId = z.strictObject({ id: accountInvitationId });

export const accountInvoicesInput = z.strictObject({
  status: z
    .enum(INVOICE_STATUSES, { error: `Status must be one of ${INVOICE_STATUSES.join(', ')}` })
    .nullish(),
  ...pageInput({ max: 200, default: 50 }),
});
export const accountInvoiceInput = z.strictObject({ id: invoiceId });
export const accountReceiptInput = z.strictObject({ id: invoiceId, format: z.enum(['pdf', 'html']) });
