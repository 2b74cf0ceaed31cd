import { TRPCError } from '@trpc/server';
import type { TRPC_ERROR_CODE_KEY } from '@trpc/server/unstable-core-do-not-import';
import { z } from 'zod';
import type { DomainErrorCode, DomainErrorData, FieldErrors } from '../../shared/errors';
import { DomainError } from '../lib/errors';
import type { Logger } from '../lib/logger';

/** Each domain code's transport code: one table, so the mapping is reviewed in one place. */
export const TRPC_CODE_BY_DOMAIN: Record<DomainErrorCode, TRPC_ERROR_CODE_KEY> = {
  NOT_FOUND: 'NOT_FOUND',
  CONFLICT: 'CONFLICT',
  FORBIDDEN: 'FORBIDDEN',
  UNAUTHENTICATED: 'UNAUTHORIZED',
  INVALID_INPUT: 'BAD_REQUEST',
  INVALID_STATE: 'PRECONDITION_FAILED',
  PAYMENT_DECLINED: 'PAYMENT_REQUIRED',
  RATE_LIMITED: 'TOO_MANY_REQUESTS',
};

export const INTERNAL_MESSAGE = 'Something went wrong on our side. The error was logged.';

/**
 * What a client is told of an unexpected error: nothing of the error itself, only the
 * reference its log line carries (the request's id), so support can find it.
 */
export function internalMessage(reference: string | null): string {
  return reference
    ? `Something went wrong on our side. The error was logged with reference ${reference}.`
    : INTERNAL_MESSAGE;
}

// Errors already logged, so the transport's own hook does not log a procedure's error twice.
const logged = new WeakSet<object>();

/** Logs an unexpected error once, with what it was about; the logger carries the request's id. */
export function logUnexpected(logger: Logger, error: TRPCError, fields: Record<string, unknown>): void {
  if (logged.has(error)) return;
  logged.add(error);
  logger.error({ err: error.cause ?? error, ...fields }, 'unexpected error');
}

export function toTRPCError(error: DomainError): TRPCError {
  return new TRPCError({ code: TRPC_CODE_BY_DOMAIN[error.code], message: error.message, cause: error });
}

/** Longest piece of a client's key echoed back: a key of a megabyte is named, not repeated. */
const MAX_SHOWN_KEY = 64;

function shownKey(key: PropertyKey): string {
  const text = String(key);
  return text.length > MAX_SHOWN_KEY ? `${text.slice(0, MAX_SHOWN_KEY)}…` : text;
}

/**
 * Each field path's messages. Paths are the client's own keys, so `__proto__`, `constructor`
 * or `toString` must be plain entries: the map has no prototype for them to reach.
 */
function fieldErrorsFromZod(error: z.ZodError): FieldErrors {
  const fields = Object.create(null) as FieldErrors;
  for (const issue of error.issues) {
    const keys =
      issue.code === 'unrecognized_keys' ? issue.keys.map((k) => [...issue.path, k]) : [issue.path];
    for (const path of keys) {
      const field = path.length > 0 ? path.map(shownKey).join('.') : '_';
      const message =
        issue.code === 'unrecognized_keys'
          ? `${shownKey(path[path.length - 1] ?? '')} is not a field this accepts`
          : issue.message;
      (fields[field] ??= []).push(message);
    }
  }
  return fields;
}

function summarize(fields: FieldErrors): string {
  return Object.entries(fields)
    .map(([field, messages]) => (field === '_' ? messages.join('; ') : `${field}: ${messages.join('; ')}`))
    .join('. ');
}

/**
 * Turns any error a procedure produced into what the client may see: domain errors keep
 * their message and code, validation errors name each field, and anything else becomes
 * an internal error with a fixed message and the request's reference — never SQL, paths
 * or secrets.
 */
export function describeError(
  error: TRPCError,
  reference: string | null = null,
): { message: string; data: DomainErrorData } {
  const cause = error.cause;
  if (cause instanceof DomainError) {
    return {
      message: cause.message,
      data: {
        domainCode: cause.code,
        ...(cause.fieldErrors ? { fieldErrors: cause.fieldErrors } : {}),
        ...(cause.conflicts ? { conflicts: cause.conflicts } : {}),
      },
    };
  }
  if (cause instanceof z.ZodError) {
    const fieldErrors = fieldErrorsFromZod(cause);
    return { message: summarize(fieldErrors), data: { domainCode: 'INVALID_INPUT', fieldErrors } };
  }
  if (error.code === 'INTERNAL_SERVER_ERROR') {
    return { message: internalMessage(reference), data: { domainCode: 'INTERNAL' } };
  }
  // tRPC's own errors (unknown procedure, bad JSON, wrong method) are safe to show.
  const domainCode = (Object.entries(TRPC_CODE_BY_DOMAIN).find(([, code]) => code === error.code)?.[0] ??
    'INVALID_INPUT') as DomainErrorCode;
  return { message: error.message, data: { domainCode } };
}
