import { z } from 'zod';
import {
  accountLicenseInput,
  assignSeatInput,
  releaseMachineInput,
  removeSeatInput,
} from '../../../../shared/licensing/account-schema';
import { activateOfflineInput } from '../../../../shared/licensing/schema';
import { accountProcedure, router } from '../../../trpc/base';
import { assignAccountSeat, releaseAccountMachine, removeAccountSeat } from './commands';
import { activateAccountOffline } from './offline';
import { accountLicense, accountLicenses } from './reads';

const noInput = z.strictObject({}).optional();

/**
 * Account admins: their own customer's licenses (decision 145), the customer taken from their
 * binding. Reads need account.read; changes (seats, machines) account.manage.
 */
export const accountLicensesRouter = router({
  list: accountProcedure('account.read')
    .input(noInput)
    .query(({ ctx }) => accountLicenses(ctx)),
  get: accountProcedure('account.read')
    .input(accountLicenseInput)
    .query(({ ctx, input }) => accountLicense(ctx, input.id, ctx.clock.now())),
  assignSeat: accountProcedure('account.manage')
    .input(assignSeatInput)
    .mutation(({ ctx, input }) => assignAccountSeat(ctx, input)),
  removeSeat: accountProcedure('account.manage')
    .input(removeSeatInput)
    .mutation(({ ctx, input }) => removeAccountSeat(ctx, input)),
  releaseMachine: accountProcedure('account.manage')
    .input(releaseMachineInput)
    .mutation(({ ctx, input }) => releaseAccountMachine(ctx, input)),
  // The text of an activation request file in, the machine file out (staff's offline activation, own licenses only).
  activateOffline: accountProcedure('account.manage')
    .input(activateOfflineInput)
    .mutation(({ ctx, input }) => activateAccountOffline(ctx, input)),
});
