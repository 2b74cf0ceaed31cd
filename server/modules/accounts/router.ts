import { z } from 'zod';
import {
  accountAdminInviteInput,
  accountAdminRemoveInput,
  accountAdminsInput,
  accountInvoiceInput,
  accountInvoicesInput,
  accountReceiptInput,
  byAccountInvitationId,
} from '../../../shared/accounts/schema';
import { accountProcedure, router, tenantProcedure } from '../../trpc/base';
import { inviteAccountAdmin, listAccountAdmins, removeAccountAdmin, revokeAccountInvitation } from './admins';
import { accountInvoice, accountInvoices, accountOverview, accountReceipt } from './portal';

const noInput = z.strictObject({}).optional();

/** Staff: a customer's account admins (users.manage, as letting anyone in is). */
export const accountAdminsRouter = router({
  list: tenantProcedure('users.manage')
    .input(accountAdminsInput)
    .query(({ ctx, input }) => listAccountAdmins(ctx, input.customerId)),
  invite: tenantProcedure('users.manage', { secrets: { result: ['token'] } })
    .input(accountAdminInviteInput)
    .mutation(({ ctx, input }) => inviteAccountAdmin(ctx, input)),
  revokeInvitation: tenantProcedure('users.manage')
    .input(byAccountInvitationId)
    .mutation(({ ctx, input }) => revokeAccountInvitation(ctx, input.id)),
  remove: tenantProcedure('users.manage')
    .input(accountAdminRemoveInput)
    .mutation(({ ctx, input }) => removeAccountAdmin(ctx, input)),
});

/** Account admins: their own customer's account, the customer taken from their binding (decision 145). */
export const accountRouter = router({
  overview: accountProcedure('account.read')
    .input(noInput)
    .query(({ ctx }) => accountOverview(ctx)),
  invoices: accountProcedure('account.read')
    .input(accountInvoicesInput)
    .query(({ ctx, input }) => accountInvoices(ctx, input)),
  invoice: accountProcedure('account.read')
    .input(accountInvoiceInput)
    .query(({ ctx, input }) => accountInvoice(ctx, input.id)),
  receipt: accountProcedure('account.read')
    .input(accountReceiptInput)
    .query(({ ctx, input }) => accountReceipt(ctx, input.id, input.format)),
});
