/** Administration: tenants, members, platform staff, invitations, roles and API keys. */
export { adminRouter } from './router';
export { workspaceAdmins } from './members-repo';
