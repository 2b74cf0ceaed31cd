/** Tenants (a member's "workspace"): the session inside one, and the platform staff's management of all. */
export { tenantsRouter } from './router';
export { loadPrincipal, describeSession, type Session } from './service';
export {
  deleteMembership,
  deleteSetting,
  insertMembership,
  insertTenant,
  insertUser,
  updateMembershipRole,
  updateTenant,
  readSetting,
  writeSetting,
  type Tenant,
  type User,
} from './repo';
export { requirePlatform, runPlatformCommand, type AdminScope } from './platform';
export {
  accountMemberOfUser,
  accountMembersOf,
  deleteAccountMember,
  insertAccountMember,
  type AccountMember,
} from './account-members';
