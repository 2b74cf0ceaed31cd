import { randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream, type ReadStream } from 'node:fs';
import { mkdir, open, readdir, rename, rm, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { DomainError } from '../lib/errors';
import { CONTENT_TYPES, checkDeclaredType, checkSniffedType, type ContentType } from './content-type';
import { UploadMeter, type Measured } from './meter';
import type { ByteRange } from './range';

/** A stored package: its key (what a version records), SHA-256, size and proven type. */
export interface StoredContent extends Measured {
  key: string;
}

export interface PutOptions {
  /** The largest package accepted; one byte more fails the upload at that byte. */
  maxBytes: number;
  /** What the client says it sends (a Content-Type); the bytes must agree. */
  declaredType?: string;
}

/** Where partial uploads are written: inside the store, so finishing one is a rename on one filesystem. */
const INCOMING = 'incoming';
const PART = '.part';
/** A temp file untouched this long belongs to an upload that died with its process. */
export const STALE_UPLOAD_MS = 24 * 60 * 60 * 1000;

/** `ab/ab…` (64 hex): the only keys there are; anything else is refused before it reaches a path. */
const KEY = /^([0-9a-f]{2})\/\1[0-9a-f]{62}$/;

export function keyFor(sha256: string): string {
  return `${sha256.slice(0, 2)}/${sha256}`;
}

/**
 * Course content packages on the server's disk, content-addressed (decision 168): a package
 * lives at `<sha256[0..2]>/<sha256>` under `directory` (default `<data dir>/content`), so the
 * same bytes uploaded twice are kept once, and an object never changes once written. A new
 * version of a package is a new key; a learner enrolled on a version keeps reading that
 * version's key however many versions follow.
 *
 * Uploads stream through (`put`): never more than a chunk in memory, whatever the size.
 */
export class ContentStore {
  private readonly allowed: readonly ContentType[];

  constructor(
    readonly directory: string,
    options: { allowedTypes?: readonly ContentType[] } = {},
  ) {
    this.allowed = options.allowedTypes ?? CONTENT_TYPES;
  }

  /**
   * Streams `source` to a temp file while counting, hashing and checking its type, then moves
   * it to its content address. A refusal (`ContentRefusedError`: too large, empty, a type
   * not allowed or contradicting the declaration) or a failed source removes the partial file
   * and rejects; the source is destroyed.
   */
  async put(source: Readable, options: PutOptions): Promise<StoredContent> {
    if (!Number.isSafeInteger(options.maxBytes) || options.maxBytes <= 0) {
      throw new RangeError(`maxBytes must be a positive whole number, got ${options.maxBytes}`);
    }
    const declared = checkDeclaredType(options.declaredType, this.allowed);
    const incoming = join(this.directory, INCOMING);
    await mkdir(incoming, { recursive: true });
    const temp = join(incoming, `${randomUUID()}${PART}`);
    const meter = new UploadMeter(options.maxBytes, (head) => checkSniffedType(head, declared, this.allowed));
    try {
      await pipeline(source, meter, createWriteStream(temp, { flags: 'wx' }));
      await syncFile(temp);
      const measured = meter.measured();
      const key = keyFor(measured.sha256);
      await this.settle(temp, this.pathOf(key));
      return { key, ...measured };
    } finally {
      await rm(temp, { force: true });
    }
  }

  /** Whether an object is stored under `key`. */
  async exists(key: string): Promise<boolean> {
    return (await this.size(key)) !== null;
  }

  /** The object's size in bytes, or null when there is none under `key`. */
  async size(key: string): Promise<number | null> {
    return sizeOf(this.pathOf(key));
  }

  /**
   * A read stream over the object, or over the inclusive `range` of it (see `parseRange` for
   * turning a Range header into one). Throws NOT_FOUND when there is no such object.
   */
  async open(key: string, range?: ByteRange): Promise<ReadStream> {
    const path = this.pathOf(key);
    if (!(await this.exists(key))) throw new DomainError('NOT_FOUND', `No content is stored under ${key}`);
    return createReadStream(path, range ? { start: range.start, end: range.end } : {});
  }

  /**
   * Deletes the object. The store does not know who uses a key: the caller must first make
   * sure no package version (and so no enrolment pinned to one) references it, since the same
   * bytes uploaded for two courses share one object. Removing a missing key does nothing.
   */
  async remove(key: string): Promise<void> {
    await rm(this.pathOf(key), { force: true });
  }

  /**
   * Removes temp files of uploads that died with their process (crash, kill): those not
   * written for `olderThanMs`. A live upload writes continuously, so it is never that old.
   * Returns how many were removed.
   */
  async sweepStaleUploads(olderThanMs = STALE_UPLOAD_MS, now = Date.now()): Promise<number> {
    const incoming = join(this.directory, INCOMING);
    let names: string[];
    try {
      names = await readdir(incoming);
    } catch (error) {
      if (isMissing(error)) return 0;
      throw error;
    }
    let removed = 0;
    for (const name of names.filter((n) => n.endsWith(PART))) {
      const path = join(incoming, name);
      const info = await stat(path).catch(() => null);
      if (info && now - info.mtimeMs >= olderThanMs) {
        await rm(path, { force: true });
        removed += 1;
      }
    }
    return removed;
  }

  /** The file behind a key; throws INVALID_INPUT for anything that is not a key this store makes. */
  private pathOf(key: string): string {
    if (typeof key !== 'string' || !KEY.test(key)) {
      throw new DomainError(
        'INVALID_INPUT',
        'key is not a content key (two hex digits, a slash, a SHA-256 in hex)',
        {
          key: ['not a content key'],
        },
      );
    }
    return join(this.directory, key);
  }

  /**
   * Moves a finished upload to its address. When the object is already there, the same bytes
   * are stored already and the temp file is dropped by `put`; a concurrent identical upload
   * that wins the race replaces it with identical bytes, which readers cannot tell apart.
   */
  private async settle(temp: string, path: string): Promise<void> {
    if ((await sizeOf(path)) !== null) return;
    await mkdir(dirname(path), { recursive: true });
    await rename(temp, path);
  }
}

/** Flushes the file to disk before it gets an address a version can record. */
async function syncFile(path: string): Promise<void> {
  const handle = await open(path, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

async function sizeOf(path: string): Promise<number | null> {
  try {
    return (await stat(path)).size;
  } catch (error) {
    if (isMissing(error)) return null;
    throw error;
  }
}

function isMissing(error: unknown): boolean {
  return (error as NodeJS.ErrnoException | null)?.code === 'ENOENT';
}
