import type { Services } from '../../../trpc/context';
import type { Actor } from '../../../commands/run-command';
import { billingDeps, type StaffRequest } from '../deps';

/** A tenant procedure's context as the billing services take it. */
export const staff = (ctx: Services & { tenantId: string; actor: Actor }): StaffRequest => ({
  deps: billingDeps(ctx),
  tenantId: ctx.tenantId,
  actor: ctx.actor,
});
