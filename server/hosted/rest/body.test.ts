import type { IncomingMessage } from 'node:http';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { readJsonBody } from './body';

/** A request whose body arrives in `chunks`, as a socket delivers it. */
function request(chunks: string[], headers: Record<string, string> = {}): IncomingMessage {
  const stream = Readable.from(chunks.map((c) => Buffer.from(c)));
  return Object.assign(stream, {
    headers: { 'content-type': 'application/json', ...headers },
  }) as unknown as IncomingMessage;
}

describe('readJsonBody', () => {
  it('joins a body sent in pieces and parses it', async () => {
    const read = await readJsonBody(request(['{"key":', '"TG1', '.k"}']), 1_000);
    expect(read).toMatchObject({ value: { key: 'TG1.k' } });
  });

  it('refuses a body that grows past the limit without declaring its length (413)', async () => {
    const read = await readJsonBody(request(['{"a":"', 'x'.repeat(600), 'y'.repeat(600), '"}']), 1_000);
    expect(read).toMatchObject({ status: 413, error: { code: 'body_too_large' } });
  });

  it('refuses at once a body whose declared length passes the limit', async () => {
    const read = await readJsonBody(request(['{}'], { 'content-length': '5000' }), 1_000);
    expect(read).toMatchObject({ status: 413 });
  });

  it('takes an empty body as an empty object, and refuses text that is not JSON', async () => {
    expect(await readJsonBody(request([]), 1_000)).toMatchObject({ value: {} });
    expect(await readJsonBody(request(['{"a":']), 1_000)).toMatchObject({
      status: 400,
      error: { code: 'invalid_json' },
    });
    expect(await readJsonBody(request(['{}'], { 'content-type': 'text/plain' }), 1_000)).toMatchObject({
      status: 415,
    });
  });
});
