import { mkdtempSync, rmSync } from 'node:fs';
import {
  createServer,
  request,
  type IncomingMessage,
  type OutgoingHttpHeaders,
  type Server,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, type Readable } from 'node:stream';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ContentStore, type StoredContent } from '../../content-store';
import { filesUnder, generatedPackage } from '../../content-store/content.test-kit';
import { DomainError } from '../../lib/errors';
import { silentLogger } from '../../lib/logger';
import { contentUploadRoute } from './content-upload';
import { failure, type RestFailure } from './errors';

const MB = 1024 * 1024;
const LIMIT = 4 * MB;

let dir: string;
let server: Server;
let port: number;
let store: ContentStore;
let recorded: { stored: StoredContent; course: string | undefined }[];
let deny: RestFailure | null;
let failOnStored: Error | null;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tollgate-content-route-'));
  store = new ContentStore(join(dir, 'content'));
  const route = contentUploadRoute(store, {
    maxBytes: LIMIT,
    authorize: () => Promise.resolve(deny),
    onStored: (stored, req) => {
      if (failOnStored) return Promise.reject(failOnStored);
      recorded.push({ stored, course: req.headers['x-course'] as string | undefined });
      return Promise.resolve({ version: recorded.length, key: stored.key, sha256: stored.sha256 });
    },
    logger: silentLogger,
  });
  server = createServer((req, res) => void route(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  rmSync(dir, { recursive: true, force: true });
});
beforeEach(() => {
  rmSync(store.directory, { recursive: true, force: true });
  recorded = [];
  deny = null;
  failOnStored = null;
});

interface Answer {
  status: number;
  headers: IncomingMessage['headers'];
  body: { error?: { type: string; code: string; message: string; param: string | null } } & Record<
    string,
    unknown
  >;
}

/** Sends `source` as the body; resolves with the answer as soon as it arrives, even mid-body. */
function upload(source: Readable | null, headers: OutgoingHttpHeaders = {}, method = 'POST') {
  const req = request({ host: '127.0.0.1', port, method, path: '/content', headers });
  const answer = new Promise<Answer>((resolve, reject) => {
    let answered = false;
    req.on('error', (error) => {
      if (!answered) reject(error);
    });
    req.on('response', (res) => {
      answered = true;
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString();
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          body: JSON.parse(text) as Answer['body'],
        });
      });
    });
  });
  if (source) source.pipe(req);
  else req.end();
  return { req, answer };
}

const objects = () => filesUnder(store.directory).filter((path) => !path.startsWith('incoming/'));

describe('contentUploadRoute over HTTP', () => {
  it('stores a body sent with a Content-Length and answers 201 with what onStored returned', async () => {
    const source = generatedPackage(3 * MB + 17, 3);
    const { answer } = upload(source.stream, {
      'content-type': 'application/zip',
      'content-length': 3 * MB + 17,
      'x-course': 'course_1',
    });
    const { status, body } = await answer;

    expect(status).toBe(201);
    expect(body).toEqual({
      version: 1,
      key: `${source.sha256().slice(0, 2)}/${source.sha256()}`,
      sha256: source.sha256(),
    });
    expect(recorded).toEqual([
      {
        stored: {
          key: body.key,
          sha256: source.sha256(),
          bytes: 3 * MB + 17,
          contentType: 'application/zip',
        },
        course: 'course_1',
      },
    ]);
    expect(objects()).toEqual([recorded[0]?.stored.key]);
  });

  it('stores a chunked body (no Content-Length) the same way', async () => {
    const source = generatedPackage(2 * MB, 4);
    const { answer } = upload(source.stream, { 'content-type': 'application/x-zip-compressed' });
    const { status, body } = await answer;
    expect(status).toBe(201);
    expect(body.sha256).toBe(source.sha256());
  });

  it('answers 413 naming the limit when a chunked body passes it, and keeps nothing', async () => {
    const source = generatedPackage(64 * MB, 5);
    const { answer } = upload(source.stream, { 'content-type': 'application/zip' });
    const { status, headers, body } = await answer;

    expect(status).toBe(413);
    expect(headers.connection).toBe('close');
    expect(body.error).toEqual({
      type: 'invalid_request_error',
      code: 'content_too_large',
      message: 'The content is larger than the limit of 4,194,304 bytes',
      param: 'content',
    });
    expect(filesUnder(store.directory)).toEqual([]);
    expect(recorded).toEqual([]);
  });

  it('answers 413 from the Content-Length alone, before reading the body', async () => {
    const body = new PassThrough();
    const { answer } = upload(body, { 'content-type': 'application/zip', 'content-length': LIMIT + 1 });
    body.write('PK\x03\x04');
    const { status } = await answer;
    body.destroy();
    expect(status).toBe(413);
    expect(filesUnder(store.directory)).toEqual([]);
  });

  it('answers 415 when the bytes contradict the declared type', async () => {
    const { answer } = upload(generatedPackage(MB, 6).stream, { 'content-type': 'video/mp4' });
    const { status, body } = await answer;
    expect(status).toBe(415);
    expect(body.error?.code).toBe('content_type_mismatch');
    expect(body.error?.message).toBe(
      'The content was declared as video/mp4 but its bytes are ZIP (application/zip)',
    );
    expect(filesUnder(store.directory)).toEqual([]);
  });

  it('answers 415 naming a declared type off the allow-list', async () => {
    const { answer } = upload(generatedPackage(MB, 6).stream, { 'content-type': 'text/html; charset=utf-8' });
    const { status, body } = await answer;
    expect(status).toBe(415);
    expect(body.error?.message).toContain('"text/html" is not accepted');
  });

  it('removes the partial file when the client disconnects mid-upload', async () => {
    const body = new PassThrough();
    const { req, answer } = upload(body, { 'content-type': 'application/zip' });
    const gone = answer.catch((error: unknown) => error);
    body.write(Buffer.concat([Buffer.from('PK\x03\x04'), Buffer.alloc(MB)]));
    await expect.poll(() => filesUnder(join(store.directory, 'incoming')).length).toBe(1);

    req.destroy();
    expect(await gone).toBeInstanceOf(Error);
    await expect.poll(() => filesUnder(store.directory)).toEqual([]);
    expect(recorded).toEqual([]);
  });

  it('sends the authorize callback’s refusal as is and stores nothing', async () => {
    deny = failure(401, 'authentication_error', 'api_key_invalid', 'The API key is not valid');
    const { answer } = upload(generatedPackage(MB, 9).stream, { 'content-type': 'application/zip' });
    const { status, body } = await answer;
    expect(status).toBe(401);
    expect(body.error?.code).toBe('api_key_invalid');
    expect(filesUnder(store.directory)).toEqual([]);
  });

  it('answers a domain error of onStored in the REST shape, and anything else as a 500 without internals', async () => {
    failOnStored = new DomainError('CONFLICT', 'The course already has a version under review');
    const conflict = await upload(generatedPackage(MB, 10).stream).answer;
    expect(conflict.status).toBe(409);
    expect(conflict.body.error).toMatchObject({ type: 'invalid_request_error', code: 'conflict' });

    failOnStored = new Error('relation "course_versions" does not exist');
    const broken = await upload(generatedPackage(MB, 11).stream).answer;
    expect(broken.status).toBe(500);
    expect(broken.body.error?.type).toBe('api_error');
    expect(broken.body.error?.message).not.toContain('course_versions');
  });

  it('answers 405 to anything but POST', async () => {
    const { status, headers } = await upload(null, {}, 'GET').answer;
    expect(status).toBe(405);
    expect(headers.allow).toBe('POST');
  });
});
