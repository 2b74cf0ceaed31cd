import { appRouter } from '../app/router';
import { proceduresOf } from '../trpc/procedures';

/**
 * What the walks over every procedure share (hostile numbers, prototype keys, NUL): the
 * app's procedures by path, each one's input schemas, and a call by path on a caller.
 */
export const APP_PROCEDURES = proceduresOf(appRouter);

/** The zod schemas a procedure's input is parsed with (none for a procedure without input). */
export function inputSchemasOf(path: string): unknown[] {
  return (APP_PROCEDURES[path]?._def as { inputs?: unknown[] } | undefined)?.inputs ?? [];
}

/** Calls the procedure at `path` ("customers.update") on a tRPC caller. */
export function callProcedure(caller: object, path: string, input: unknown): Promise<unknown> {
  const target = path
    .split('.')
    .reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], caller);
  return (target as (input: unknown) => Promise<unknown>)(input);
}
