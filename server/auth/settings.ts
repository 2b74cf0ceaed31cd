import type { ScryptParams } from './passwords';
import type { SignInGuard } from './sign-in-guard';
import type { TokenKey } from './tokens';

/** What sign-in needs from the server's configuration. Only the hosted server has it. */
export interface AuthSettings {
  tokenKey: TokenKey;
  /** Password hashing cost; tests lower it, the server uses DEFAULT_SCRYPT. */
  scrypt: ScryptParams;
  /** Who may try a password how often; one per server, its counts shared by all instances on PostgreSQL. */
  guard: SignInGuard;
}

declare module '../trpc/context' {
  interface Services {
    /** Sign-in settings (token key, hashing cost): only a backend with accounts (the hosted server) has them. */
    auth?: AuthSettings;
  }
}
