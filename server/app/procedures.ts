import type { AnyProcedure } from '@trpc/server';
import type { ProcedureMeta } from '../trpc/base';
import { appRouter } from './router';

/** Every procedure of the app router by dotted path, with the permission it declared. */
export function listProcedures(): {
  path: string;
  type: string;
  permission: ProcedureMeta['permission'] | undefined;
}[] {
  const procedures = appRouter._def.procedures as unknown as Record<string, AnyProcedure>;
  return Object.entries(procedures).map(([path, procedure]) => ({
    path,
    type: procedure._def.type,
    permission: (procedure._def.meta as ProcedureMeta | undefined)?.permission,
  }));
}
