import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FileSecretStore } from '../../server/sync/desktop/secret-store';
import { SafeStorageSecretStore, type SafeStorageLike } from './secret-store';

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'tollgate-secrets-'));
  dirs.push(dir);
  return join(dir, 'secrets');
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** Stands in for the OS keychain: reversible, and visibly not the plain text. */
function fakeSafeStorage(available = true): SafeStorageLike {
  return {
    isEncryptionAvailable: () => available,
    encryptString: (text) => Buffer.from(`sealed:${Buffer.from(text).toString('base64')}`),
    decryptString: (data) => Buffer.from(data.toString().replace(/^sealed:/, ''), 'base64').toString(),
  };
}

describe('SafeStorageSecretStore (Electron)', () => {
  it('keeps the refresh token encrypted by the keychain, in a file only its owner reads', async () => {
    const dir = tempDir();
    const store = new SafeStorageSecretStore(fakeSafeStorage(), dir);
    await store.write('sync-refresh-token', 'rt_secret_value');
    const file = join(dir, 'sync-refresh-token.enc');
    expect(readFileSync(file, 'utf8')).not.toContain('rt_secret_value');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    expect(await store.read('sync-refresh-token')).toBe('rt_secret_value');
    await store.remove('sync-refresh-token');
    expect(await store.read('sync-refresh-token')).toBeNull();
  });

  it('refuses to store anything when the keychain is unavailable, rather than writing plain text', async () => {
    const store = new SafeStorageSecretStore(fakeSafeStorage(false), tempDir());
    await expect(store.write('sync-refresh-token', 'rt')).rejects.toThrow(/keychain is not available/);
  });
});

describe('FileSecretStore (web mode)', () => {
  it('writes a 0600 file and reads it back; names cannot escape the folder', async () => {
    const dir = tempDir();
    const store = new FileSecretStore(dir);
    await store.write('sync-refresh-token', 'rt_plain');
    expect(statSync(join(dir, 'sync-refresh-token.secret')).mode & 0o777).toBe(0o600);
    expect(await store.read('sync-refresh-token')).toBe('rt_plain');
    await expect(store.write('../escape', 'x')).rejects.toThrow(/secret names/);
  });
});
