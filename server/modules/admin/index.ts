/** Administration: tenants, members, platform staff, invitations, roles and API keys. */
export { adminRouter } from './router';
export { mintApiKey } from './api-keys';
export { requirePlatform, runPlatformCommand } from './platform';
