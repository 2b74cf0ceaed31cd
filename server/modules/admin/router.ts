import { z } from 'zod';
import { describeRoles, grantablePlatformRoles, grantableTenantRoles } from '../../../shared/admin/roles';
import {
  apiKeyCreateInput,
  byApiKeyId,
  byInvitationId,
  byUserId,
  invitationCreateInput,
  invitationListInput,
  memberRoleInput,
  platformMemberRoleInput,
} from '../../../shared/admin/schema';
import { PERMISSIONS } from '../../../shared/permissions';
import { router, tenantProcedure } from '../../trpc/base';
import { createApiKey, listApiKeys, revokeApiKey } from './api-keys';
import { createInvitation, listInvitations, revokeInvitation } from './invitations';
import {
  changePlatformMemberRole,
  changeTenantMemberRole,
  listPlatformMembers,
  listTenantMembers,
  removePlatformMember,
  removeTenantMember,
} from './members';

const noInput = z.strictObject({}).optional();

/** Members of the tenant the request works in. */
const membersRouter = router({
  list: tenantProcedure('users.manage')
    .input(noInput)
    .query(({ ctx }) => listTenantMembers(ctx)),
  changeRole: tenantProcedure('users.manage')
    .input(memberRoleInput)
    .mutation(({ ctx, input }) => changeTenantMemberRole(ctx, input.userId, input.role)),
  remove: tenantProcedure('users.manage')
    .input(byUserId)
    .mutation(({ ctx, input }) => removeTenantMember(ctx, input.userId)),
});

/** The platform staff: platform owners and admins only. */
const platformMembersRouter = router({
  list: tenantProcedure('users.manage')
    .input(noInput)
    .query(({ ctx }) => listPlatformMembers(ctx)),
  changeRole: tenantProcedure('users.manage')
    .input(platformMemberRoleInput)
    .mutation(({ ctx, input }) => changePlatformMemberRole(ctx, input.userId, input.role)),
  remove: tenantProcedure('users.manage')
    .input(byUserId)
    .mutation(({ ctx, input }) => removePlatformMember(ctx, input.userId)),
});

const invitationsRouter = router({
  list: tenantProcedure('users.manage')
    .input(invitationListInput)
    .query(({ ctx, input }) => listInvitations(ctx, input.scope)),
  // The code travels to the invitee once; it is never kept where a replay could hand it out again.
  create: tenantProcedure('users.manage', { secrets: { result: ['token'] } })
    .input(invitationCreateInput)
    .mutation(({ ctx, input }) => createInvitation(ctx, input)),
  revoke: tenantProcedure('users.manage')
    .input(byInvitationId)
    .mutation(({ ctx, input }) => revokeInvitation(ctx, input.id)),
});

/** The tenant's service keys; users.manage, since a key is one more principal acting in the tenant. */
const apiKeysRouter = router({
  list: tenantProcedure('users.manage')
    .input(noInput)
    .query(({ ctx }) => listApiKeys(ctx)),
  create: tenantProcedure('users.manage', { secrets: { result: ['key'] } })
    .input(apiKeyCreateInput)
    .mutation(({ ctx, input }) => createApiKey(ctx, input)),
  revoke: tenantProcedure('users.manage')
    .input(byApiKeyId)
    .mutation(({ ctx, input }) => revokeApiKey(ctx, input.id)),
});

export const adminRouter = router({
  /** Every role and its permissions, and which roles the caller may hand out here. */
  roles: tenantProcedure('tenants.read')
    .input(noInput)
    .query(({ ctx }) => ({
      permissions: PERMISSIONS,
      roles: describeRoles(),
      grantable: {
        tenant: grantableTenantRoles(ctx.principal.grants, ctx.tenantId),
        platform: grantablePlatformRoles(ctx.principal.grants),
      },
    })),
  members: membersRouter,
  platformMembers: platformMembersRouter,
  invitations: invitationsRouter,
  apiKeys: apiKeysRouter,
});
