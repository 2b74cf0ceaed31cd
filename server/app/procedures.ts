import type { ProcedureMeta } from '../trpc/base';
import { permissionOf, proceduresOf } from '../trpc/procedures';
import { appRouter } from './router';

/** Every procedure of the app router by dotted path, with the permission it declared. */
export function listProcedures(): {
  path: string;
  type: string;
  permission: ProcedureMeta['permission'] | undefined;
}[] {
  return Object.entries(proceduresOf(appRouter)).map(([path, procedure]) => ({
    path,
    type: procedure._def.type,
    permission: permissionOf(procedure),
  }));
}
