export { authRouter } from './router';
export { principalFromAuthorization } from './authenticate';
export {
  createApiKey,
  mintApiKey,
  revokeApiKey,
  verifyApiKey,
  API_KEY_PREFIX,
  type CreatedApiKey,
} from './api-keys';
export { forgetApiKey, settleKeyUseWrites } from './api-key-cache';
export { bootstrapOwner } from './bootstrap';
export { setPassword, storePasswordHash } from './credentials';
export { SignInGuard, DEFAULT_SIGN_IN_LIMITS, type SignInLimits } from './sign-in-guard';
export { RetryLater } from './retry-later';
export { passwordProblem, MIN_PASSWORD_LENGTH } from './password-policy';
export { revokeSessionFamily } from './sessions';
export type { AuthSettings } from './settings';
export type { SignedIn } from './service';
