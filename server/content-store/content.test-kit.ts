import { createCipheriv, createHash } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';

const ZIP_HEADER = Buffer.from('PK\x03\x04\x14\x00\x00\x00\x08\x00', 'latin1');
const CHUNK = 64 * 1024;

/** A package generated as it is read: what it emitted so far and its running SHA-256. */
export interface GeneratedPackage {
  stream: Readable;
  emitted: () => number;
  /** The SHA-256 (hex) of everything emitted; read it once the stream has ended. */
  sha256: () => string;
}

/**
 * `totalBytes` of a ZIP-looking package (a local file header, then pseudo-random bytes from
 * AES-CTR keyed by `seed`), made one 64 KiB chunk at a time when the reader asks, so a
 * gigabyte never sits in memory and a reader that stops early stops the generation.
 */
export function generatedPackage(totalBytes: number, seed = 1): GeneratedPackage {
  const cipher = createCipheriv('aes-128-ctr', Buffer.alloc(16, seed), Buffer.alloc(16));
  const zeros = Buffer.alloc(CHUNK);
  const hash = createHash('sha256');
  let emitted = 0;
  const stream = new Readable({
    read() {
      if (emitted >= totalBytes) return void this.push(null);
      const size = Math.min(CHUNK, totalBytes - emitted);
      const chunk = cipher.update(zeros.subarray(0, size));
      if (emitted < ZIP_HEADER.length) ZIP_HEADER.copy(chunk, 0, emitted);
      emitted += size;
      hash.update(chunk);
      this.push(chunk);
    },
  });
  return { stream, emitted: () => emitted, sha256: () => hash.copy().digest('hex') };
}

/** Every file under `directory` (relative paths), temp files included. */
export function filesUnder(directory: string): string[] {
  try {
    return readdirSync(directory, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => join(entry.parentPath, entry.name).slice(directory.length + 1))
      .sort();
  } catch {
    return [];
  }
}
