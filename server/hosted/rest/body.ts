import type { IncomingMessage } from 'node:http';
import { failure, type RestFailure } from './errors';

/**
 * Reads a request's body up to `limit` bytes, or says why not: larger than the limit (413,
 * told at once from Content-Length when the client declared it), or not JSON (415/400).
 * An empty body is an empty object, so a POST without parameters needs no body.
 */

function tooLarge(limit: number): RestFailure {
  return failure(
    413,
    'invalid_request_error',
    'body_too_large',
    `The request body is larger than ${limit.toLocaleString('en-US')} bytes`,
  );
}

/**
 * The body's bytes, read from the stream's events: an async iterator over the request costs
 * more per call than a validation does, and most bodies are one chunk.
 */
function readRaw(req: IncomingMessage, limit: number): Promise<Buffer | RestFailure> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > limit) return Promise.resolve(tooLarge(limit));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) return void chunks.push(chunk);
      // The rest is left unread: node:http discards it once the 413 is answered.
      req.off('data', onData);
      resolve(tooLarge(limit));
    };
    req.on('data', onData);
    req.once('end', () => resolve(chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks)));
    req.once('error', reject);
  });
}

export async function readJsonBody(
  req: IncomingMessage,
  limit: number,
): Promise<{ raw: Buffer; value: Record<string, unknown> } | RestFailure> {
  const raw = await readRaw(req, limit);
  if (!Buffer.isBuffer(raw)) return raw;
  if (raw.length === 0) return { raw, value: {} };
  const type = req.headers['content-type'] ?? '';
  if (!/^application\/json\s*(;|$)/i.test(type)) {
    return failure(
      415,
      'invalid_request_error',
      'unsupported_media_type',
      'Send the body as JSON, with "Content-Type: application/json"',
    );
  }
  let value: unknown;
  try {
    value = JSON.parse(raw.toString('utf8'));
  } catch {
    return failure(400, 'invalid_request_error', 'invalid_json', 'The body is not valid JSON');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return failure(400, 'invalid_request_error', 'invalid_json', 'The body must be a JSON object');
  }
  return { raw, value: value as Record<string, unknown> };
}
