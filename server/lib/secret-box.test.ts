import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import {
  createSecretBox,
  isSealed,
  newSecretKey,
  parseSecretKey,
  secretBoxFromEnv,
  SecretBoxError,
} from './secret-box';

const secret = () => `whsec_${randomBytes(24).toString('hex')}`;
const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('createSecretBox', () => {
  it('seals a secret so that the sealed value does not contain it, and opens it again', () => {
    const box = createSecretBox(newSecretKey());
    const plain = secret();
    const sealed = box.seal(plain, 'stripe_webhook_endpoints:ten_A');
    expect(isSealed(sealed)).toBe(true);
    expect(sealed).not.toContain(plain);
    expect(sealed).not.toContain(plain.slice(6, 20));
    expect(box.open(sealed, 'stripe_webhook_endpoints:ten_A')).toBe(plain);
    // A fresh IV each time: the same secret never seals the same way twice.
    expect(box.seal(plain, 'x')).not.toBe(box.seal(plain, 'x'));
  });

  it('refuses a value moved to another row (context), altered, or sealed with an unknown key', () => {
    const key = newSecretKey();
    const box = createSecretBox(key);
    const sealed = box.seal(secret(), 'ten_A');
    expect(() => box.open(sealed, 'ten_B')).toThrow(SecretBoxError);
    const parts = sealed.split(':');
    const flipped = `${parts.slice(0, 4).join(':')}:${Buffer.from('tampered').toString('base64url')}`;
    expect(() => box.open(flipped, 'ten_A')).toThrow(/altered or moved/);
    const stranger = createSecretBox(newSecretKey());
    expect(() => stranger.open(sealed, 'ten_A')).toThrow(new RegExp(`sealed with key ${key.id}`));
    expect(() => box.open('whsec_plain', 'ten_A')).toThrow(/not a sealed value/);
  });

  it('opens values sealed with a previous key and seals with the current one (rotation)', () => {
    const old = newSecretKey();
    const plain = secret();
    const sealedBefore = createSecretBox(old).seal(plain, 'c');
    const rotated = createSecretBox(newSecretKey(), [old]);
    expect(rotated.open(sealedBefore, 'c')).toBe(plain);
    expect(rotated.seal(plain, 'c').split(':')[1]).not.toBe(old.id);
  });
});

describe('parseSecretKey and secretBoxFromEnv', () => {
  it('refuses a key that is not 32 bytes of base64, naming the variable and never echoing it', () => {
    const short = randomBytes(16).toString('base64');
    expect(() => parseSecretKey(short, 'TOLLGATE_SECRETS_KEY')).toThrow(
      /TOLLGATE_SECRETS_KEY must be 32 random bytes/,
    );
    try {
      parseSecretKey(short, 'TOLLGATE_SECRETS_KEY');
    } catch (error) {
      expect((error as Error).message).not.toContain(short);
    }
    expect(() => parseSecretKey('not base64 at all!', 'X')).toThrow(SecretBoxError);
  });

  it('uses TOLLGATE_SECRETS_KEY, with previous keys to open older values', () => {
    const current = randomBytes(32).toString('base64');
    const previous = randomBytes(32).toString('base64');
    const sealedBefore = secretBoxFromEnv({ TOLLGATE_SECRETS_KEY: previous }).seal('s', 'c');
    const box = secretBoxFromEnv({ TOLLGATE_SECRETS_KEY: current, TOLLGATE_SECRETS_KEY_PREVIOUS: previous });
    expect(box.open(sealedBefore, 'c')).toBe('s');
    expect(() => secretBoxFromEnv({})).toThrow(/TOLLGATE_SECRETS_KEY is not set/);
  });

  it('keeps a generated key in the data directory, readable by its owner only, and reuses it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tollgate-secret-box-'));
    dirs.push(dir);
    const sealed = secretBoxFromEnv({}, dir).seal('s', 'c');
    expect(statSync(join(dir, 'secrets.key')).mode & 0o777).toBe(0o600);
    expect(readFileSync(join(dir, 'secrets.key'), 'utf8').trim()).toHaveLength(44);
    expect(secretBoxFromEnv({}, dir).open(sealed, 'c')).toBe('s');
  });
});
