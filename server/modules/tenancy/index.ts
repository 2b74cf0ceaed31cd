export { workspaceRouter } from './router';
export { loadPrincipal, describeSession, type Session } from './service';
export {
  deleteMembership,
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
