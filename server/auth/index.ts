export { authRouter } from './router';
export { principalFromAuthorization } from './authenticate';
export { createApiKey, mintApiKey, verifyApiKey, API_KEY_PREFIX, type CreatedApiKey } from './api-keys';
export { bootstrapOwner } from './bootstrap';
export { setPassword, storePasswordHash, LOCKOUT } from './credentials';
export { passwordProblem, MIN_PASSWORD_LENGTH } from './password-policy';
export { revokeSessionFamily } from './sessions';
export type { AuthSettings } from './settings';
export type { SignedIn } from './service';
