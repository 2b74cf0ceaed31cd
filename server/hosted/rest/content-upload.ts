import type { IncomingMessage, ServerResponse } from 'node:http';
import { PassThrough } from 'node:stream';
import type { DomainErrorCode } from '../../../shared/errors';
import {
  ContentRefusedError,
  tooLarge,
  type ContentStore,
  type RefusalReason,
  type StoredContent,
} from '../../content-store';
import { DomainError } from '../../lib/errors';
import type { Logger } from '../../lib/logger';
import { requestLogger } from '../../lib/request-scope';
import { failure, internalFailure, sendFailure, sendJson, type RestFailure } from './errors';

export interface ContentUploadOptions {
  /** The largest package accepted, in bytes: 413 past it, checked against Content-Length first. */
  maxBytes: number;
  /** Who may upload: null lets the request through, a failure is sent as is (401, 403…), body unread. */
  authorize: (req: IncomingMessage) => Promise<RestFailure | null>;
  /**
   * Records what was stored (the marketplace: a new package version) and returns the 201's
   * body. A DomainError thrown here is answered in the REST shape; the object stays stored
   * unreferenced, which is harmless (content addressing: a retry finds it there).
   */
  onStored: (stored: StoredContent, req: IncomingMessage) => Promise<object>;
  logger: Logger;
}

/** How long a refused upload's remaining bytes are read and dropped so the client sees the answer. */
const LINGER_MS = 5_000;

const STATUS_BY_REASON: Record<RefusalReason, { status: number; code: string }> = {
  too_large: { status: 413, code: 'content_too_large' },
  empty: { status: 400, code: 'content_empty' },
  type_not_allowed: { status: 415, code: 'unsupported_media_type' },
  type_mismatch: { status: 415, code: 'content_type_mismatch' },
  type_unknown: { status: 415, code: 'unsupported_media_type' },
};

const STATUS_BY_DOMAIN: Partial<Record<DomainErrorCode, number>> = {
  NOT_FOUND: 404,
  CONFLICT: 409,
  FORBIDDEN: 403,
  UNAUTHENTICATED: 401,
  RATE_LIMITED: 429,
};

function refusalFailure(error: ContentRefusedError): RestFailure {
  const { status, code } = STATUS_BY_REASON[error.reason];
  return failure(status, 'invalid_request_error', code, error.message, 'content');
}

/** A refusal or a domain error in the REST shape; null for anything unexpected. */
function restFailureOf(error: unknown): RestFailure | null {
  if (error instanceof ContentRefusedError) return refusalFailure(error);
  if (error instanceof DomainError) {
    const status = STATUS_BY_DOMAIN[error.code] ?? 400;
    const type =
      status === 401 ? 'authentication_error' : status === 403 ? 'permission_error' : 'invalid_request_error';
    const field = error.fieldErrors ? Object.keys(error.fieldErrors)[0] : undefined;
    return failure(status, type, error.code.toLowerCase(), error.message, field ?? null);
  }
  return null;
}

/**
 * The request body as a stream of its own: when the client goes away mid-upload it fails
 * (so the store removes the partial file), and when the store stops reading it (a refusal),
 * the request itself stays open so the refusal can still be sent on its socket.
 */
function detachedBody(req: IncomingMessage): PassThrough {
  const body = new PassThrough();
  const abandon = () => {
    if (!req.complete) body.destroy(new Error('The client closed the connection before the upload ended'));
  };
  req.once('error', abandon);
  req.once('close', abandon);
  req.pipe(body);
  return body;
}

/**
 * Answers a request whose body may be partly unread: the connection closes after the answer,
 * and what the client still sends is read and dropped for a moment, so it sees the answer
 * instead of a reset.
 */
function refuse(req: IncomingMessage, res: ServerResponse, failed: RestFailure): void {
  if (res.headersSent || res.destroyed) return;
  if (req.complete) return sendFailure(res, failed);
  sendFailure(res, { ...failed, headers: { ...failed.headers, connection: 'close' } });
  res.once('finish', () => {
    req.resume();
    setTimeout(() => req.socket.destroy(), LINGER_MS).unref();
  });
}

function declaredLength(req: IncomingMessage): number | null {
  const header = req.headers['content-length'];
  return header === undefined ? null : Number(header);
}

/**
 * POST handler that streams a course content package into `store` (decision 168): the
 * Content-Length (when sent) is checked before a byte is read, a chunked body is cut at the
 * limit, the Content-Type must be allowed and agree with the bytes; 201 with `onStored`'s
 * body. Not mounted here: the marketplace mounts it on its path.
 */
export function contentUploadRoute(store: ContentStore, options: ContentUploadOptions) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    if (req.method !== 'POST') {
      res.setHeader('allow', 'POST');
      refuse(
        req,
        res,
        failure(405, 'invalid_request_error', 'method_not_allowed', 'Use POST to upload content'),
      );
      return;
    }
    try {
      const denied = await options.authorize(req);
      if (denied) return refuse(req, res, denied);
      const length = declaredLength(req);
      if (length !== null && length > options.maxBytes) {
        return refuse(req, res, refusalFailure(tooLarge(options.maxBytes)));
      }
      const stored = await store.put(detachedBody(req), {
        maxBytes: options.maxBytes,
        declaredType: req.headers['content-type'],
      });
      sendJson(res, 201, await options.onStored(stored, req));
    } catch (error) {
      if (!req.complete && req.socket.destroyed) return; // the client left: no one to answer
      const known = restFailureOf(error);
      if (!known) requestLogger(options.logger).error({ err: error }, 'storing uploaded content failed');
      refuse(req, res, known ?? internalFailure());
    }
  };
}
