import { z } from 'zod';
import { emailId, emailListInput, emailSettingsUpdateInput } from '../../../shared/emails/schema';
import type { Services } from '../../trpc/context';
import { router, tenantProcedure } from '../../trpc/base';
import type { Actor, CommandScope } from '../../commands/run-command';
import { resendEmail, updateEmailSettings } from './commands';
import { emailDeliveryStatus } from './delivery-status';
import { emailDetail, listEmails } from './queries';
import { readEmailSettings } from './repo/settings';

/** A tenant procedure's context as a command's scope. */
const scope = (ctx: Services & { tenantId: string; actor: Actor }): CommandScope => ({
  db: ctx.db,
  clock: ctx.clock,
  tenantId: ctx.tenantId,
  actor: ctx.actor,
});

/** The email outbox and the tenant's sender settings. */
export const emailsRouter = router({
  list: tenantProcedure('billing.read')
    .input(emailListInput)
    .query(({ ctx, input }) => listEmails(ctx.db, ctx.tenantId, input)),

  get: tenantProcedure('billing.read')
    .input(z.strictObject({ id: emailId }))
    .query(({ ctx, input }) => emailDetail(ctx.db, ctx.tenantId, input.id)),

  /** Sending again is a billing action: the customer hears from the business once more. */
  resend: tenantProcedure('billing.write')
    .input(z.strictObject({ id: emailId }))
    .mutation(({ ctx, input }) => resendEmail(scope(ctx), input.id)),

  settings: tenantProcedure('billing.read').query(({ ctx }) => readEmailSettings(ctx.db, ctx.tenantId)),

  /** Whether emails leave at all (held without SMTP, or by the demo), for the console to say so. */
  delivery: tenantProcedure('billing.read').query(({ ctx }) => emailDeliveryStatus(ctx)),

  updateSettings: tenantProcedure('branding.write')
    .input(emailSettingsUpdateInput)
    .mutation(({ ctx, input }) => updateEmailSettings(scope(ctx), input)),
});
