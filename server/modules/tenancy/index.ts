export { workspaceRouter } from './router';
export { loadPrincipal, describeSession, type Session } from './service';
export {
  insertMembership,
  insertTenant,
  insertUser,
  readSetting,
  writeSetting,
  type Tenant,
  type User,
} from './repo';
