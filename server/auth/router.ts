import {
  acceptInvitationInput,
  changePasswordInput,
  loginInput,
  refreshInput,
} from '../../shared/auth/schema';
import type { Context } from '../trpc/context';
import { publicProcedure, router, signedInProcedure } from '../trpc/base';
import { DomainError } from '../lib/errors';
import { acceptInvitation } from './accept-invitation';
import { changePassword, login, refresh, type AuthScope } from './service';
import { revokeSessionFamily } from './sessions';

function authScope(ctx: Context): AuthScope {
  if (!ctx.auth) {
    throw new DomainError('INVALID_STATE', 'This backend has no accounts: it runs for this computer only');
  }
  return {
    db: ctx.db,
    settings: ctx.auth,
    now: ctx.clock.now(),
    logger: ctx.logger,
    client: `${ctx.client.kind}:${ctx.client.id}`,
    address: ctx.clientAddress,
  };
}

/** Signing in and out, and the signed-in person's own account. */
export const authRouter = router({
  login: publicProcedure.input(loginInput).mutation(({ ctx, input }) => login(authScope(ctx), input)),

  refresh: publicProcedure
    .input(refreshInput)
    .mutation(({ ctx, input }) => refresh(authScope(ctx), input.refreshToken)),

  logout: signedInProcedure.mutation(async ({ ctx }) => {
    const via = ctx.principal.via;
    if (via?.kind !== 'session') {
      throw new DomainError('INVALID_STATE', 'Only a signed-in session can sign out');
    }
    await revokeSessionFamily(ctx.db, via.sessionId, ctx.clock.now());
    return { signedOut: true };
  }),

  /** Who the caller is, however they proved it: a person, an API key, or the desktop's local owner. */
  me: signedInProcedure.query(({ ctx }) => ({
    user: { id: ctx.principal.userId, name: ctx.principal.name, email: ctx.principal.email },
    kind: ctx.principal.via?.kind ?? 'local',
    platformRole: ctx.principal.grants.platformRole,
    tenantRoles: ctx.principal.grants.tenantRoles,
    /** Tenant id → the customer whose account they administer (decision 145). */
    accounts: ctx.principal.grants.accounts ?? {},
    defaultTenantId: ctx.principal.defaultTenantId,
  })),

  changePassword: signedInProcedure
    .input(changePasswordInput)
    .mutation(({ ctx, input }) => changePassword(authScope(ctx), ctx.principal, input)),

  acceptInvitation: publicProcedure
    .input(acceptInvitationInput)
    .mutation(({ ctx, input }) => acceptInvitation(authScope(ctx), input)),
});
