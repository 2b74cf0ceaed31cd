import type { ProcedureMeta } from '../trpc/base';
import type { ProcedureDirectory } from '../trpc/context';
import { permissionOf, procedureDirectory, proceduresOf } from '../trpc/procedures';
import { appRouter } from './router';

/** The app's procedures, as the services carry them to sync (push, the desktop's outbox). */
export const appProcedures: ProcedureDirectory = procedureDirectory(appRouter);

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
