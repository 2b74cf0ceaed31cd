import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Secrets at rest (webhook signing secrets, issue 13): AES-256-GCM under a key from the
 * environment, each sealed value carrying the id of the key that sealed it so keys can rotate
 * (the current key seals; previous keys still open). A sealed value reads
 * `sb1:<key id>:<iv>:<tag>:<ciphertext>` (base64url parts). `context` (e.g. the table and the
 * row's tenant) is authenticated with it, so a value copied into another row does not open.
 */

export const SECRETS_KEY_ENV = 'TOLLGATE_SECRETS_KEY';
export const PREVIOUS_SECRETS_KEYS_ENV = 'TOLLGATE_SECRETS_KEY_PREVIOUS';

const PREFIX = 'sb1';
const KEY_BYTES = 32;
const IV_BYTES = 12;

export interface SecretKey {
  /** A short id derived from the key (never the key itself), stored with each sealed value. */
  id: string;
  key: Buffer;
}

export interface SecretBox {
  seal(plain: string, context: string): string;
  /** The plain secret; throws SecretBoxError when no configured key opens it. */
  open(sealed: string, context: string): string;
}

/** A sealed value no configured key opens, or a key that is not one: says which, never the secret. */
export class SecretBoxError extends Error {
  override name = 'SecretBoxError';
}

export const isSealed = (value: string): boolean => value.startsWith(`${PREFIX}:`);

/** The id of the key that sealed `value` (stored in clear beside it); null when it is not sealed. */
export const sealedKeyId = (value: string): string | null =>
  isSealed(value) ? (value.split(':')[1] ?? null) : null;

function keyIdOf(key: Buffer): string {
  return createHash('sha256')
    .update('tollgate secret-box key id\u0000')
    .update(key)
    .digest('hex')
    .slice(0, 12);
}

/** A key from its base64 form (32 bytes); the error names `source`, the variable it came from. */
export function parseSecretKey(encoded: string, source: string): SecretKey {
  const text = encoded.trim();
  const key = Buffer.from(text, 'base64');
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(text) || key.length !== KEY_BYTES) {
    throw new SecretBoxError(
      `${source} must be ${KEY_BYTES} random bytes in base64 (openssl rand -base64 32)`,
    );
  }
  return { id: keyIdOf(key), key };
}

export function newSecretKey(): SecretKey {
  const key = randomBytes(KEY_BYTES);
  return { id: keyIdOf(key), key };
}

const b64 = (bytes: Buffer) => bytes.toString('base64url');

export function createSecretBox(current: SecretKey, previous: readonly SecretKey[] = []): SecretBox {
  const keys = new Map([current, ...previous].map((k) => [k.id, k.key]));
  return {
    seal(plain, context) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', current.key, iv).setAAD(Buffer.from(context, 'utf8'));
      const sealed = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return [PREFIX, current.id, b64(iv), b64(cipher.getAuthTag()), b64(sealed)].join(':');
    },
    open(sealed, context) {
      const [prefix, keyId, iv, tag, data, ...rest] = sealed.split(':');
      if (prefix !== PREFIX || !keyId || !iv || !tag || data === undefined || rest.length > 0) {
        throw new SecretBoxError('the stored secret is not a sealed value');
      }
      const key = keys.get(keyId);
      if (!key) {
        throw new SecretBoxError(
          `a stored secret was sealed with key ${keyId}, which is neither ${SECRETS_KEY_ENV} nor in ${PREVIOUS_SECRETS_KEYS_ENV}`,
        );
      }
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'))
          .setAAD(Buffer.from(context, 'utf8'))
          .setAuthTag(Buffer.from(tag, 'base64url'));
        return Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()]).toString(
          'utf8',
        );
      } catch {
        throw new SecretBoxError(
          `a stored secret sealed with key ${keyId} does not open: it was altered or moved`,
        );
      }
    },
  };
}

/** The keys from the environment: the current one seals, the previous ones still open. */
export interface SecretKeys {
  current: SecretKey;
  previous: SecretKey[];
}

/**
 * The keys from the environment: TOLLGATE_SECRETS_KEY seals, TOLLGATE_SECRETS_KEY_PREVIOUS
 * (comma-separated) still open. Without the variable, `fallbackDir` (the embedded desktop's
 * data directory) keeps a generated key in `secrets.key`, readable by its owner only.
 */
export function secretKeysFromEnv(env: NodeJS.ProcessEnv, fallbackDir?: string): SecretKeys {
  const given = env[SECRETS_KEY_ENV];
  const current = given ? parseSecretKey(given, SECRETS_KEY_ENV) : keyFileIn(fallbackDir);
  const previous = (env[PREVIOUS_SECRETS_KEYS_ENV] ?? '')
    .split(',')
    .filter((part) => part.trim() !== '')
    .map((part) => parseSecretKey(part, PREVIOUS_SECRETS_KEYS_ENV));
  return { current, previous };
}

/** The box from the environment (see secretKeysFromEnv). */
export function secretBoxFromEnv(env: NodeJS.ProcessEnv, fallbackDir?: string): SecretBox {
  const { current, previous } = secretKeysFromEnv(env, fallbackDir);
  return createSecretBox(current, previous);
}

function keyFileIn(dir: string | undefined): SecretKey {
  if (!dir) throw new SecretBoxError(`${SECRETS_KEY_ENV} is not set (32 random bytes in base64)`);
  const path = join(dir, 'secrets.key');
  if (!existsSync(path)) {
    mkdirSync(dir, { recursive: true });
    writeFileSync(path, `${newSecretKey().key.toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
  }
  chmodSync(path, 0o600);
  return parseSecretKey(readFileSync(path, 'utf8'), path);
}
