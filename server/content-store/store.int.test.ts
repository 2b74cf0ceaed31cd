import { createHash } from 'node:crypto';
import {
  createReadStream,
  createWriteStream,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DomainError } from '../lib/errors';
import { filesUnder, generatedPackage } from './content.test-kit';
import { ContentRefusedError } from './content-type';
import { ContentStore } from './store';

let dir: string;
let store: ContentStore;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'tollgate-content-'));
  store = new ContentStore(join(dir, 'content'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const MB = 1024 * 1024;
const objects = () => filesUnder(store.directory).filter((path) => !path.startsWith('incoming/'));
const temps = () => filesUnder(join(store.directory, 'incoming'));
const PDF = Buffer.from('%PDF-1.7\n1 0 obj\n<< >>\nendobj\n%%EOF\n');

async function refusal(promise: Promise<unknown>): Promise<ContentRefusedError> {
  const error = await promise.then(
    () => null,
    (thrown: unknown) => thrown,
  );
  if (error instanceof ContentRefusedError) return error;
  throw new Error(`expected a refusal, got ${String(error)}`);
}

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

describe('ContentStore.put', () => {
  it('stores a streamed file under its SHA-256, with the same hash and byte count as the file', async () => {
    const file = join(dir, 'course.zip');
    await pipeline(generatedPackage(5 * MB + 123).stream, createWriteStream(file));
    const bytes = readFileSync(file);
    const sha256 = createHash('sha256').update(bytes).digest('hex');

    const stored = await store.put(createReadStream(file), {
      maxBytes: 10 * MB,
      declaredType: 'application/zip',
    });

    expect(stored).toEqual({
      key: `${sha256.slice(0, 2)}/${sha256}`,
      sha256,
      bytes: bytes.length,
      contentType: 'application/zip',
    });
    expect(readFileSync(join(store.directory, stored.key)).equals(bytes)).toBe(true);
    expect(temps()).toEqual([]);
  });

  it('keeps the same content uploaded twice once, and a new version under a new key beside it', async () => {
    const first = await store.put(generatedPackage(MB, 7).stream, { maxBytes: MB });
    const again = await store.put(generatedPackage(MB, 7).stream, { maxBytes: MB });
    const next = await store.put(generatedPackage(MB, 8).stream, { maxBytes: MB });

    expect(again.key).toBe(first.key);
    expect(next.key).not.toBe(first.key);
    expect(objects()).toEqual([first.key, next.key].sort());
    expect((await readAll(await store.open(first.key))).length).toBe(MB);
  });

  it('stops reading at the limit, names it, and leaves no file', async () => {
    const source = generatedPackage(64 * MB);
    const error = await refusal(store.put(source.stream, { maxBytes: MB }));

    expect(error.reason).toBe('too_large');
    expect(error.message).toContain('1,048,576 bytes');
    expect(source.emitted()).toBeLessThan(2 * MB);
    expect(filesUnder(store.directory)).toEqual([]);
  });

  it('accepts a package of exactly the limit', async () => {
    expect((await store.put(generatedPackage(MB).stream, { maxBytes: MB })).bytes).toBe(MB);
  });

  it('leaves no file when the source fails mid-stream', async () => {
    let sent = 0;
    const failing = new Readable({
      read() {
        if (sent === 0) this.push(Buffer.from('PK\x03\x04'.padEnd(64 * 1024, 'x')));
        else this.destroy(new Error('connection reset'));
        sent += 1;
      },
    });
    await expect(store.put(failing, { maxBytes: MB })).rejects.toThrow('connection reset');
    expect(filesUnder(store.directory)).toEqual([]);
  });

  it('refuses a declared type the bytes contradict, before reading the rest', async () => {
    const source = generatedPackage(64 * MB);
    const error = await refusal(
      store.put(source.stream, { maxBytes: 128 * MB, declaredType: 'application/pdf' }),
    );

    expect(error.reason).toBe('type_mismatch');
    expect(error.message).toContain('declared as application/pdf but its bytes are ZIP');
    expect(source.emitted()).toBeLessThan(MB);
    expect(filesUnder(store.directory)).toEqual([]);
  });

  it('refuses a declared type off the allow-list without reading, and bytes of an unknown type', async () => {
    const source = generatedPackage(MB);
    const error = await refusal(store.put(source.stream, { maxBytes: MB, declaredType: 'text/html' }));
    expect(error.message).toContain('"text/html"');
    expect(source.emitted()).toBe(0);

    const html = Readable.from([Buffer.from('<!doctype html><script>alert(1)</script>')]);
    expect((await refusal(store.put(html, { maxBytes: MB }))).reason).toBe('type_unknown');
    expect(filesUnder(store.directory)).toEqual([]);
  });

  it('refuses an allowed-elsewhere type this store does not take, and an empty package', async () => {
    const zipsOnly = new ContentStore(store.directory, { allowedTypes: ['application/zip'] });
    const error = await refusal(zipsOnly.put(Readable.from([PDF]), { maxBytes: MB }));
    expect(error.message).toContain('PDF (application/pdf) is not accepted; allowed: ZIP (application/zip)');
    expect((await refusal(store.put(Readable.from([]), { maxBytes: MB }))).reason).toBe('empty');
    expect(filesUnder(store.directory)).toEqual([]);
  });

  it('decides the type of a package shorter than the sniffing window, fed a byte at a time', async () => {
    const stored = await store.put(Readable.from([...PDF.subarray(0, 8)].map((b) => Buffer.from([b]))), {
      maxBytes: MB,
    });
    expect(stored.contentType).toBe('application/pdf');
    expect(stored.bytes).toBe(8);
  });
});

describe('ContentStore reads', () => {
  it('reads a byte range of an object', async () => {
    const file = join(dir, 'doc.pdf');
    writeFileSync(file, Buffer.concat([PDF, Buffer.from('0123456789')]));
    const { key } = await store.put(createReadStream(file), { maxBytes: MB });

    const tail = await readAll(await store.open(key, { start: PDF.length + 3, end: PDF.length + 6 }));
    expect(tail.toString()).toBe('3456');
    expect(await store.size(key)).toBe(PDF.length + 10);
  });

  it('answers NOT_FOUND for a missing object and INVALID_INPUT for a key that is not one', async () => {
    const missing = `ab/ab${'0'.repeat(62)}`;
    expect(await store.exists(missing)).toBe(false);
    await expect(store.open(missing)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    for (const key of ['../../etc/passwd', `cd/ab${'0'.repeat(62)}`, 'incoming/x.part', '']) {
      await expect(store.open(key)).rejects.toBeInstanceOf(DomainError);
      await expect(store.exists(key)).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    }
  });

  it('removes an object', async () => {
    const { key } = await store.put(Readable.from([PDF]), { maxBytes: MB });
    await store.remove(key);
    expect(await store.exists(key)).toBe(false);
    await store.remove(key);
  });
});

describe('ContentStore.sweepStaleUploads', () => {
  it('removes temp files of dead uploads and keeps those written recently', async () => {
    const incoming = join(store.directory, 'incoming');
    mkdirSync(incoming, { recursive: true });
    const now = Date.now();
    writeFileSync(join(incoming, 'dead.part'), 'PK');
    writeFileSync(join(incoming, 'live.part'), 'PK');
    const twoDaysAgo = (now - 2 * 24 * 60 * 60 * 1000) / 1000;
    utimesSync(join(incoming, 'dead.part'), twoDaysAgo, twoDaysAgo);

    expect(await store.sweepStaleUploads(undefined, now)).toBe(1);
    expect(temps()).toEqual(['live.part']);
    expect(await new ContentStore(join(dir, 'never-used')).sweepStaleUploads()).toBe(0);
  });
});
