import { TRPCError } from '@trpc/server';
import type { Context } from '../../trpc/context';
import { listProcedures } from '../../app/procedures';
import { appRouter } from '../../app/router';
import { createCallerFactory, publicProcedure, type ProcedureMeta } from '../../trpc/base';
import { DomainError } from '../../lib/errors';
import { can, isAccountPermission, type Permission } from '../../../shared/permissions';

/**
 * How a REST operation is built: a procedure that shapes the input and answer the REST way
 * and calls the console procedure it stands for (through a caller), so validation, the
 * permission and scope check, the tenant scope and the audit trail are the console's own,
 * run there, not copied. The REST procedure itself only turns away, before its input is
 * read, a caller without the console procedure's permission in its own workspace (the same
 * refusal the console procedure would give); it resolves no tenant and gets none in its
 * context, so it cannot touch a workspace's data except through a console procedure. One
 * tenant chain per call, not two: the entitlement check is called on every request an app
 * serves.
 */

const callApp = createCallerFactory(appRouter);

/** The console's procedures, called as the REST request's principal in its tenant. */
export function app(ctx: Context) {
  return callApp(ctx);
}

function permissionOf(path: string): Permission {
  const permission = listProcedures().find((p) => p.path === path)?.permission;
  // Account procedures (decision 145) are never REST operations: account admins hold no API keys.
  if (
    !permission ||
    permission === 'public' ||
    permission === 'signed-in' ||
    isAccountPermission(permission)
  ) {
    throw new Error(`REST: ${path} is not a tenant procedure of the app router`);
  }
  return permission;
}

export type RestOperation = NonNullable<ProcedureMeta['openapi']>;

/**
 * The early refusal: no principal, or one without `permission` in the workspace it acts in
 * (an API key's own). Says what the console procedure's tenant check would say; that check
 * still runs inside, with the workspace's status.
 */
function refuseWithout(permission: Permission) {
  return ({ ctx }: { ctx: Context }): void => {
    if (ctx.authError) throw ctx.authError;
    const principal = ctx.principal;
    if (!principal) throw new TRPCError({ code: 'UNAUTHORIZED', message: 'Sign in to continue' });
    const tenantId = ctx.requestedTenantId ?? principal.defaultTenantId;
    if (tenantId && !can(principal.grants, permission, tenantId)) {
      throw new DomainError('FORBIDDEN', `Your role does not allow ${permission}`);
    }
  };
}

/**
 * A REST operation standing for the console procedure at `path` (e.g. 'customers.get'),
 * answering where `openapi` says (trpc-to-openapi reads it), with the console procedure's
 * permission in its meta as every procedure has.
 */
export function restProcedure(path: string, openapi: RestOperation) {
  const permission = permissionOf(path);
  const refuse = refuseWithout(permission);
  return publicProcedure.meta({ permission, openapi }).use(({ ctx, next }) => {
    refuse({ ctx });
    // No new context: tRPC copies the whole context for every middleware that extends it.
    return next();
  });
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
