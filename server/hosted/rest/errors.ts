import type { ServerResponse } from 'node:http';
import type { TRPCError } from '@trpc/server';
import { z } from 'zod';
import type { DomainErrorCode } from '../../../shared/errors';
import { describeError, internalMessage } from '../../trpc/errors';
import { currentRequestId } from '../../lib/request-scope';

/**
 * The one shape every REST failure has, whatever produced it (the router, a limit, a
 * procedure): `{"error": {type, code, message, param}}`, types as Stripe names them. A 500
 * says only the request's reference, never what went wrong inside.
 */

export const ERROR_TYPES = [
  'invalid_request_error',
  'authentication_error',
  'permission_error',
  'rate_limit_error',
  'idempotency_error',
  'card_error',
  'api_error',
] as const;
export type RestErrorType = (typeof ERROR_TYPES)[number];

export const restErrorSchema = z
  .object({
    error: z.object({
      type: z.enum(ERROR_TYPES).meta({ description: 'The kind of failure, as Stripe names them' }),
      code: z.string().meta({ description: 'A stable, machine-readable code (snake_case)' }),
      message: z.string().meta({ description: 'What went wrong, for people; never internals' }),
      param: z.string().nullable().meta({ description: 'The request field at fault (dotted path), or null' }),
    }),
  })
  .meta({ id: 'Error', description: 'Every failure, from every operation, has this shape.' });

export type RestError = z.infer<typeof restErrorSchema>['error'];

export interface RestFailure {
  status: number;
  error: RestError;
  headers?: Record<string, string>;
}

export function failure(
  status: number,
  type: RestErrorType,
  code: string,
  message: string,
  param: string | null = null,
): RestFailure {
  return { status, error: { type, code, message, param } };
}

const TYPE_BY_DOMAIN: Record<DomainErrorCode | 'INTERNAL', RestErrorType> = {
  NOT_FOUND: 'invalid_request_error',
  CONFLICT: 'invalid_request_error',
  INVALID_INPUT: 'invalid_request_error',
  INVALID_STATE: 'invalid_request_error',
  UNAUTHENTICATED: 'authentication_error',
  FORBIDDEN: 'permission_error',
  PAYMENT_DECLINED: 'card_error',
  RATE_LIMITED: 'rate_limit_error',
  INTERNAL: 'api_error',
};

/** tRPC's own refusals (before any procedure ran), by its code. */
const TRPC_CODES: Partial<Record<TRPCError['code'], { type: RestErrorType; code: string }>> = {
  PARSE_ERROR: { type: 'invalid_request_error', code: 'invalid_json' },
  PAYLOAD_TOO_LARGE: { type: 'invalid_request_error', code: 'body_too_large' },
  UNSUPPORTED_MEDIA_TYPE: { type: 'invalid_request_error', code: 'unsupported_media_type' },
  METHOD_NOT_SUPPORTED: { type: 'invalid_request_error', code: 'method_not_allowed' },
};

/** A procedure's (or tRPC's) error in the REST shape, with the status trpc-to-openapi chose. */
export function fromTRPCError(error: TRPCError, status: number): RestFailure {
  if (status >= 500) return internalFailure();
  const own = TRPC_CODES[error.code];
  const { message, data } = describeError(error, currentRequestId());
  if (own && data.domainCode === 'INVALID_INPUT' && !data.fieldErrors) {
    return failure(status, own.type, own.code, message);
  }
  const field = data.fieldErrors ? Object.keys(data.fieldErrors)[0] : undefined;
  return failure(
    status,
    TYPE_BY_DOMAIN[data.domainCode],
    data.domainCode.toLowerCase(),
    message,
    field && field !== '_' ? field : null,
  );
}

export function internalFailure(): RestFailure {
  return failure(500, 'api_error', 'internal', internalMessage(currentRequestId()));
}

/** Sends a failure; JSON, never cached. */
export function sendFailure(res: ServerResponse, failed: RestFailure): void {
  sendJson(res, failed.status, { error: failed.error }, failed.headers);
}

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    ...headers,
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
    'content-length': Buffer.byteLength(text),
  });
  res.end(text);
}
