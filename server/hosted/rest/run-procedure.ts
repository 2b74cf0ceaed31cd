import { TRPCError, callTRPCProcedure } from '@trpc/server';
import {
  TRPC_ERROR_CODE_HTTP_STATUS,
  coerceSchema,
  createProcedureCache,
  getErrorFromUnknown,
  getInputOutputParsers,
  instanceofZodTypeLikeVoid,
  instanceofZodTypeObject,
  instanceofZodTypeOptional,
  normalizePath,
  unwrapZodType,
  zodSupportsCoerce,
  type OpenApiProcedure,
} from 'trpc-to-openapi';
import { z } from 'zod';
import type { Context } from '../../trpc/context';
import { logUnexpected } from '../../trpc/errors';
import type { Logger } from '../../lib/logger';
import { requestLogger } from '../../lib/request-scope';
import { restOpenApiRouter } from './router';

/**
 * Runs a REST procedure as trpc-to-openapi's node handler does — its own route cache, its
 * query reading and coercion, its error statuses — with the library's exported parts, but
 * without the per-request work that handler does and this API never uses: a fetch Request
 * built from the node request only to hand createContext an abort signal (a tenth of a
 * check's CPU time), a router-wide caller per request, and the schema inspection and
 * coercion it repeats on every request (done here once per procedure). The context, built
 * and authenticated before, is handed over per request; the answer comes back as status
 * and JSON text, so the REST layer can put failures into its one error shape and keep
 * answers for idempotent replays before anything is sent.
 */

export interface ProcedureAnswer {
  status: number;
  /** JSON text of the answer on success. */
  body: string;
  /** The error behind a failure. */
  error: TRPCError | null;
}

export interface ProcedureRequest {
  method: string;
  /** The path relative to /api/v1, still percent-encoded. */
  path: string;
  /** The query string without its '?', or ''. */
  search: string;
  /** The parsed JSON body of a POST. */
  body?: Record<string, unknown>;
}

interface Shape {
  /** The procedure takes no input (z.void() and the like). */
  none: boolean;
  /** Query parameters the input schema holds as arrays (a single value becomes a one-item array). */
  arrays: readonly string[];
}

/** What the library's handler reads from a procedure's input schema on every request, read once. */
function shapeOf(procedure: OpenApiProcedure): Shape {
  const { inputParser } = getInputOutputParsers(procedure);
  const schema = unwrapZodType(inputParser, true);
  if (!instanceofZodTypeObject(schema)) return { none: instanceofZodTypeLikeVoid(schema), arrays: [] };
  // The library's coercion (numbers and booleans from query text) marks the schema itself: doing it once is the same.
  if (zodSupportsCoerce) coerceSchema(schema);
  const arrays = Object.entries(schema.shape as Record<string, z.ZodType>)
    .filter(([, field]) => {
      const inner = instanceofZodTypeOptional(field) ? (field as z.ZodOptional).unwrap() : field;
      return inner instanceof z.ZodArray;
    })
    .map(([key]) => key);
  return { none: false, arrays };
}

/** Query parameters as the library reads them: one value as itself, repeated ones as a list. */
export function queryInput(search: string, arrays: readonly string[]): Record<string, unknown> {
  const query: Record<string, string | string[]> = {};
  for (const [key, value] of new URLSearchParams(search)) {
    const seen = query[key];
    if (seen === undefined) query[key] = value;
    else if (Array.isArray(seen)) seen.push(value);
    else query[key] = [seen, value];
  }
  for (const key of arrays) {
    const value = query[key];
    if (value !== undefined && !Array.isArray(value)) query[key] = [value];
  }
  return query;
}

export function procedureRunner(options: { logger: Logger }) {
  const find = createProcedureCache(restOpenApiRouter);
  const shapes = new Map<OpenApiProcedure, Shape>();
  const shape = (procedure: OpenApiProcedure) => {
    let known = shapes.get(procedure);
    if (!known) shapes.set(procedure, (known = shapeOf(procedure)));
    return known;
  };

  return async function run(request: ProcedureRequest, ctx: Context): Promise<ProcedureAnswer> {
    const found = find(request.method as 'GET', normalizePath(request.path));
    // The route table (routes.ts) answered 404 and 405 already: this is the library's own fallback.
    if (!found?.procedure) return failed(new TRPCError({ code: 'NOT_FOUND', message: 'Not found' }));
    const { procedure, pathInput } = found;
    const { none, arrays } = shape(procedure.procedure);
    const input = none
      ? undefined
      : { ...(request.method === 'GET' ? queryInput(request.search, arrays) : request.body), ...pathInput };
    try {
      const data: unknown = await callTRPCProcedure({
        router: restOpenApiRouter,
        path: procedure.path,
        getRawInput: () => Promise.resolve(input),
        ctx,
        type: procedure.type,
        signal: undefined,
        batchIndex: 0,
      });
      return { status: 200, body: JSON.stringify(data), error: null };
    } catch (cause) {
      const error = getErrorFromUnknown(cause);
      // A procedure logs its own unexpected errors (once); this catches the rest.
      if (error.code === 'INTERNAL_SERVER_ERROR') {
        logUnexpected(requestLogger(options.logger), error, { path: procedure.path });
      }
      return failed(error);
    }
  };
}

function failed(error: TRPCError): ProcedureAnswer {
  return { status: TRPC_ERROR_CODE_HTTP_STATUS[error.code] ?? 500, body: '', error };
}
