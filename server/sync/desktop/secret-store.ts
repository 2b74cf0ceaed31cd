import { chmod, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * Where a desktop keeps what lets it sign in again without a password (the refresh token).
 * Electron keeps it encrypted with the OS keychain (safeStorage, electron/main/secret-store.ts);
 * web mode has no keychain and uses FileSecretStore.
 */
export interface SecretStore {
  read(name: string): Promise<string | null>;
  write(name: string, value: string): Promise<void>;
  remove(name: string): Promise<void>;
}

const SAFE_NAME = /^[a-z0-9-]{1,64}$/;

export function secretPath(dir: string, name: string, extension: string): string {
  if (!SAFE_NAME.test(name))
    throw new Error(`secret names are lowercase letters, digits and dashes: ${name}`);
  return join(dir, `${name}${extension}`);
}

export async function readIfPresent(path: string): Promise<Buffer | null> {
  try {
    return await readFile(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

/** Writes a file only its owner may read, in a folder only its owner may enter. */
export async function writePrivateFile(dir: string, path: string, data: string | Buffer): Promise<void> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  await chmod(dir, 0o700);
  await writeFile(path, data, { mode: 0o600 });
  await chmod(path, 0o600);
}

/**
 * Web mode's store: a plain file readable by this OS user only (0600). Weaker than the
 * keychain — anything running as this user can read it — which docs/sync.md says.
 */
export class FileSecretStore implements SecretStore {
  constructor(private readonly dir: string) {}

  async read(name: string): Promise<string | null> {
    const data = await readIfPresent(secretPath(this.dir, name, '.secret'));
    return data === null ? null : data.toString('utf8');
  }

  async write(name: string, value: string): Promise<void> {
    await writePrivateFile(this.dir, secretPath(this.dir, name, '.secret'), value);
  }

  async remove(name: string): Promise<void> {
    await rm(secretPath(this.dir, name, '.secret'), { force: true });
  }
}
