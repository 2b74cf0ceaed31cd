import { z } from 'zod';
import {
  accountBrandingPublishInput,
  accountBrandingSaveDraftInput,
  brandingPublishInput,
  brandingRestoreInput,
  brandingSaveDraftInput,
  brandingScopeInput,
} from '../../../shared/branding/schema';
import type { Services } from '../../trpc/context';
import { accountProcedure, router, tenantProcedure } from '../../trpc/base';
import type { Actor } from '../../commands/run-command';
import { publishBranding, restoreBranding, saveBrandingDraft, type BrandingCommandScope } from './commands';
import { brandingOf, brandingVersions, type BrandingRequest } from './queries';

type Ctx = Services & { tenantId: string; actor: Actor };

const request = (ctx: Ctx, customerId: string | null): BrandingRequest => ({
  db: ctx.db,
  tenantId: ctx.tenantId,
  customerId,
  viewerName: ctx.actor.name,
  now: ctx.clock.now(),
});

const command = (ctx: Ctx, customerId: string | null): BrandingCommandScope => ({
  db: ctx.db,
  clock: ctx.clock,
  tenantId: ctx.tenantId,
  actor: ctx.actor,
  customerId,
});

/**
 * Staff: the workspace's default branding (no customer) and each account's. Reading needs
 * licensing.read (branding is signed into license files); changing it branding.write, the
 * permission the workspace's sender settings already need.
 */
export const brandingRouter = router({
  get: tenantProcedure('licensing.read')
    .input(brandingScopeInput)
    .query(({ ctx, input }) => brandingOf(request(ctx, input.customerId ?? null))),
  versions: tenantProcedure('licensing.read')
    .input(brandingScopeInput)
    .query(({ ctx, input }) => brandingVersions(request(ctx, input.customerId ?? null))),
  saveDraft: tenantProcedure('branding.write')
    .input(brandingSaveDraftInput)
    .mutation(({ ctx, input }) => saveBrandingDraft(command(ctx, input.customerId ?? null), input.branding)),
  publish: tenantProcedure('branding.write')
    .input(brandingPublishInput)
    .mutation(({ ctx, input }) => publishBranding(command(ctx, input.customerId ?? null), input.draftId)),
  /** Staff may restore a version of any scope of the tenant; the version names its scope. */
  restore: tenantProcedure('branding.write')
    .input(brandingRestoreInput)
    .mutation(({ ctx, input }) => restoreBranding(ctx, input.id)),
});

const noInput = z.strictObject({}).optional();

/** An account admin's own account's branding (decision 145: the customer is the binding's). */
export const accountBrandingRouter = router({
  get: accountProcedure('account.read')
    .input(noInput)
    .query(({ ctx }) => brandingOf(request(ctx, ctx.customerId))),
  versions: accountProcedure('account.read')
    .input(noInput)
    .query(({ ctx }) => brandingVersions(request(ctx, ctx.customerId))),
  saveDraft: accountProcedure('account.manage')
    .input(accountBrandingSaveDraftInput)
    .mutation(({ ctx, input }) => saveBrandingDraft(command(ctx, ctx.customerId), input.branding)),
  publish: accountProcedure('account.manage')
    .input(accountBrandingPublishInput)
    .mutation(({ ctx, input }) => publishBranding(command(ctx, ctx.customerId), input.draftId)),
  restore: accountProcedure('account.manage')
    .input(brandingRestoreInput)
    .mutation(({ ctx, input }) =>
      restoreBranding({ ...command(ctx, ctx.customerId), customerId: ctx.customerId }, input.id),
    ),
});
