import type { ScryptParams } from './passwords';
import type { TokenKey } from './tokens';

/** What sign-in needs from the server's configuration. Only the hosted server has it. */
export interface AuthSettings {
  tokenKey: TokenKey;
  /** Password hashing cost; tests lower it, the server uses DEFAULT_SCRYPT. */
  scrypt: ScryptParams;
}
