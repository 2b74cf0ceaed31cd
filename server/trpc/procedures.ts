import type { AnyProcedure, AnyRouter } from '@trpc/server';
import { createCallerFactory, type ProcedureMeta } from './base';
import type { ProcedureDirectory } from './context';

/**
 * Every procedure of a router by dotted path. tRPC keeps the flat map on `_def` without a
 * public type for it; this is the one place that reads it.
 */
export function proceduresOf(router: AnyRouter): Readonly<Record<string, AnyProcedure>> {
  const procedures: unknown = router._def.procedures;
  return procedures as Record<string, AnyProcedure>;
}

/** The permission a procedure declared in its meta. */
export const permissionOf = (procedure: AnyProcedure): ProcedureMeta['permission'] | undefined =>
  (procedure._def.meta as ProcedureMeta | undefined)?.permission;

/** A directory of `router`'s procedures. */
export function procedureDirectory(router: AnyRouter): ProcedureDirectory {
  const procedures = proceduresOf(router);
  const createCaller = createCallerFactory(router as Parameters<typeof createCallerFactory>[0]);
  return {
    find: (path) => (Object.hasOwn(procedures, path) ? procedures[path] : undefined),
    call: (ctx, path, input) => {
      let target: unknown = createCaller(ctx);
      for (const part of path.split('.')) target = (target as Record<string, unknown>)[part];
      return (target as (input: unknown) => Promise<unknown>)(input);
    },
  };
}
