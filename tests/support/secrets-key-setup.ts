import { newSecretKey, SECRETS_KEY_ENV, secretKeysFromEnv } from '../../server/lib/secret-box';
import { installSecretKeys } from '../../server/lib/secrets-at-rest';

/**
 * Every test process seals webhook signing secrets under one key made here (issue 13): code
 * that stores a secret without starting a backend finds it installed, and every backend
 * started in this process, or spawned from it (they inherit the environment), uses the same
 * one, as the instances of one deployment do. Made at run time: no key is written in a test.
 */
if (!process.env[SECRETS_KEY_ENV]) process.env[SECRETS_KEY_ENV] = newSecretKey().key.toString('base64');
installSecretKeys(secretKeysFromEnv(process.env));
