import { rm } from 'node:fs/promises';
import {
  readIfPresent,
  secretPath,
  writePrivateFile,
  type SecretStore,
} from '../../server/sync/desktop/secret-store';

/** The part of Electron's safeStorage the desktop uses, so it can be tested without Electron. */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
}

/** Electron's store: the secret encrypted by the OS keychain (safeStorage), then written 0600. */
export class SafeStorageSecretStore implements SecretStore {
  constructor(
    private readonly safeStorage: SafeStorageLike,
    private readonly dir: string,
  ) {}

  async read(name: string): Promise<string | null> {
    const data = await readIfPresent(secretPath(this.dir, name, '.enc'));
    if (data === null) return null;
    this.assertAvailable();
    return this.safeStorage.decryptString(data);
  }

  async write(name: string, value: string): Promise<void> {
    this.assertAvailable();
    await writePrivateFile(
      this.dir,
      secretPath(this.dir, name, '.enc'),
      this.safeStorage.encryptString(value),
    );
  }

  async remove(name: string): Promise<void> {
    await rm(secretPath(this.dir, name, '.enc'), { force: true });
  }

  private assertAvailable(): void {
    // Never fall back to plain text silently: the user chose Electron for the keychain.
    if (!this.safeStorage.isEncryptionAvailable()) {
      throw new Error('The system keychain is not available, so Tollgate cannot keep your sign-in safely');
    }
  }
}
