import http from 'node:http';
import https from 'node:https';
import { SIGNATURE_HEADER } from '../../../shared/webhooks/event-types';
import { signatureFor } from './signing';
import { assertLiteralAllowed, guardedLookup } from './url-guard';

/** One POST of one event to one endpoint. */
export interface Post {
  url: string;
  body: string;
  /** Every live secret, the current one first: each signs (one `v1` apiece). */
  secrets: readonly string[];
  /** Unix seconds the signature is dated. */
  timestamp: number;
  eventId: string;
  /** The sandbox may reach loopback and private addresses and use plain http. */
  sandbox: boolean;
  timeoutMs: number;
}

/** What an attempt came to: delivered is any 2xx answer within the timeout. */
export interface PostResult {
  delivered: boolean;
  responseCode: number | null;
  /** The start of the response body, for the delivery log. */
  responseExcerpt: string | null;
  /** Why nothing usable came back (refused, timed out, blocked address), in one line. */
  error: string | null;
  durationMs: number;
}

/** How much of a response is kept for the log, and the most read before hanging up. */
const EXCERPT_CHARS = 500;
const MAX_READ_BYTES = 16_384;

function describe(error: unknown, timeoutMs: number): string {
  if (error instanceof Error && error.name === 'AbortError') return `No answer within ${timeoutMs} ms`;
  const message = error instanceof Error ? error.message : String(error);
  return message.replace(/\s+/g, ' ').slice(0, 300);
}

/**
 * POSTs the event with its signature and waits at most `timeoutMs` for the whole answer.
 * Redirects are not followed (a 3xx is a failure, as Stripe treats it): following one would
 * let a public URL send the request on to a private address.
 */
export async function postEvent(post: Post): Promise<PostResult> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  try {
    const url = new URL(post.url);
    assertLiteralAllowed(url, post.sandbox);
    const { code, text } = await request(url, post);
    return {
      delivered: code >= 200 && code < 300,
      responseCode: code,
      responseExcerpt: text.slice(0, EXCERPT_CHARS),
      error: null,
      durationMs: elapsed(),
    };
  } catch (error) {
    return {
      delivered: false,
      responseCode: null,
      responseExcerpt: null,
      error: describe(error, post.timeoutMs),
      durationMs: elapsed(),
    };
  }
}

function request(url: URL, post: Post): Promise<{ code: number; text: string }> {
  const client = url.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const req = client.request(url, {
      method: 'POST',
      agent: false,
      lookup: guardedLookup(post.sandbox),
      signal: AbortSignal.timeout(post.timeoutMs),
      headers: {
        'content-type': 'application/json; charset=utf-8',
        'content-length': Buffer.byteLength(post.body),
        'user-agent': 'Tollgate-Webhooks/1',
        [SIGNATURE_HEADER]: signatureFor(post.secrets, post.body, post.timestamp),
        'tollgate-event-id': post.eventId,
      },
    });
    req.on('error', reject);
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      let read = 0;
      const finish = () =>
        resolve({
          code: res.statusCode ?? 0,
          text: Buffer.concat(chunks).toString('utf8').replace(/\s+/g, ' '),
        });
      res.on('data', (chunk: Buffer) => {
        read += chunk.length;
        if (read <= MAX_READ_BYTES) chunks.push(chunk);
        else res.destroy();
      });
      res.on('end', finish);
      // Hanging up on a long answer still counts its status code.
      res.on('close', finish);
      res.on('error', reject);
    });
    req.end(post.body);
  });
}
