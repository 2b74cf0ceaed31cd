import type { Context } from '../../trpc/context';
import { listProcedures } from '../../app/procedures';
import { appRouter } from '../../app/router';
import { createCallerFactory, tenantProcedure, type ProcedureMeta } from '../../trpc/base';
import { DomainError } from '../../lib/errors';
import type { Permission } from '../../../shared/permissions';

/**
 * How a REST operation is built: a tenant procedure that checks the same permission as the
 * console procedure it stands for, shapes the input and answer the REST way, and calls that
 * console procedure itself (through a caller), so validation, the permission check, the
 * tenant scope and the audit trail are the console's own, run again inside, not copied.
 */

const callApp = createCallerFactory(appRouter);

/** The console's procedures, called as the REST request's principal in its tenant. */
export function app(ctx: Context) {
  return callApp(ctx);
}

function permissionOf(path: string): Permission {
  const permission = listProcedures().find((p) => p.path === path)?.permission;
  if (!permission || permission === 'public' || permission === 'signed-in') {
    throw new Error(`REST: ${path} is not a tenant procedure of the app router`);
  }
  return permission;
}

export type RestOperation = NonNullable<ProcedureMeta['openapi']>;

/**
 * A REST operation standing for the console procedure at `path` (e.g. 'customers.get'),
 * answering where `openapi` says (trpc-to-openapi reads it).
 */
export function restProcedure(path: string, openapi: RestOperation) {
  const permission = permissionOf(path);
  return tenantProcedure(permission).meta({ permission, openapi });
}

/**
 * Reads the object `starting_after` names through its retrieve procedure: an id the
 * caller's tenant does not hold is a bad parameter, said as such (not a 404 of the list).
 */
export async function startingAfter<T>(
  id: string | undefined,
  retrieve: (id: string) => Promise<T>,
): Promise<T | null> {
  if (id === undefined) return null;
  try {
    return await retrieve(id);
  } catch (error) {
    if (error instanceof Error && 'code' in error && error.code === 'NOT_FOUND') {
      throw new DomainError('INVALID_INPUT', 'starting_after names no object of this workspace', {
        starting_after: ['No such object'],
      });
    }
    throw error;
  }
}
