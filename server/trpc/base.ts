import { initTRPC, TRPCError } from '@trpc/server';
import { AmountOutOfRangeError } from '../../shared/money';
import {
  accountOf,
  can,
  canEnterTenant,
  type AccountPermission,
  type Permission,
} from '../../shared/permissions';
import { DomainError } from '../lib/errors';
import type { Context, Principal } from './context';
import { currentRequestId, rememberRequestSecrets } from '../lib/request-scope';
import { describeError, internalMessage, logUnexpected, toTRPCError } from './errors';
import type { OpenApiMeta } from 'trpc-to-openapi';
import type { SecretPaths } from './secrets';
import { tenantStatus } from './tenant-status';
import { findNulCharacter, nulMessage } from './nul-characters';
import { inputSecrets } from './input-secrets';

/**
 * Every procedure declares the permission it needs; a procedure without one cannot be built.
 * A procedure of the public REST API also says where it answers (`openapi`, read by
 * trpc-to-openapi: server/hosted/rest).
 */
export type ProcedureMeta = OpenApiMeta<{
  /** 'signed-in': any principal, about its own account, outside any tenant (auth.me, auth.logout). */
  permission: Permission | AccountPermission | 'public' | 'signed-in';
  /** Where the input or result holds a secret: never stored or replayed (server/trpc/secrets.ts). */
  secrets?: SecretPaths;
  /**
   * A mutation that acts only on the backend it is called on (its own files and rows, as
   * exports do), so a connected desktop runs it itself instead of forwarding it to the server.
   * Its namespace is in LOCAL_NAMESPACES (server/sync/push.ts), which a server never accepts.
   */
  local?: true;
}>;

/**
 * The client's view of an error, with the request's reference on an internal one. Should
 * describing fail, that failure is itself logged and answered as internal: a formatter that
 * throws would otherwise turn any error into an unlogged 500.
 */
function describeAnyway(error: TRPCError, ctx: Context | undefined): ReturnType<typeof describeError> {
  const reference = currentRequestId();
  try {
    return describeError(error, reference);
  } catch (failure) {
    ctx?.logger.error({ err: failure, code: error.code }, 'describing an error failed');
    return { message: internalMessage(reference), data: { domainCode: 'INTERNAL' } };
  }
}

const t = initTRPC
  .context<Context>()
  .meta<ProcedureMeta>()
  .create({
    isDev: false,
    errorFormatter({ shape, error, ctx }) {
      const { message, data } = describeAnyway(error, ctx);
      return {
        message,
        code: shape.code,
        data: { code: shape.data.code, httpStatus: shape.data.httpStatus, path: shape.data.path, ...data },
      };
    },
  });

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;

/** Lets services throw DomainError and get the right transport code, and logs the unexpected. */
const errorBoundary = t.middleware(async ({ ctx, next, path }) => {
  const result = await next();
  if (!result.ok) {
    const cause = result.error.cause;
    if (cause instanceof DomainError) throw toTRPCError(cause);
    // Arithmetic on amounts too large to handle: the input's fault, said plainly, never a 500.
    if (cause instanceof AmountOutOfRangeError) {
      throw toTRPCError(new DomainError('INVALID_INPUT', `An amount is too large: ${cause.message}`));
    }
    if (result.error.code === 'INTERNAL_SERVER_ERROR') logUnexpected(ctx.logger, result.error, { path });
  }
  return result;
});

/**
 * The raw input, before anything else reads it: its password-like values are remembered for
 * the request's log lines to mask, and NUL (U+0000) in any string or key is refused
 * (server/trpc/nul-characters.ts). An input that cannot even be read is left to the
 * procedure's own parsing, which reports it as it always has.
 */
const refuseNulCharacters = t.middleware(async ({ getRawInput, next, meta }) => {
  const input: unknown = await getRawInput().catch(() => undefined);
  // First, before anything could log: the request's passwords and secrets are masked in its log
  // lines even where free text quotes them (server/ops/log-scrub.ts).
  rememberRequestSecrets(inputSecrets(input, meta?.secrets));
  const field = findNulCharacter(input);
  if (field !== null) {
    throw new DomainError('INVALID_INPUT', nulMessage(field), { [field]: ['must not contain U+0000'] });
  }
  return next();
});

const base = t.procedure.use(errorBoundary).use(refuseNulCharacters);

/** A middleware's answer for a call answered elsewhere, the resolver not run (tRPC has no public way to say so). */
function answeredElsewhere<R>(data: unknown): R {
  return { ok: true, data, marker: 'middlewareMarker' } as R;
}

/** For the few procedures anyone may call (health, the mode the backend runs in). */
export const publicProcedure = base.meta({ permission: 'public' });

const requirePrincipal = t.middleware(({ ctx, next }) => {
  if (ctx.authError) throw ctx.authError;
  if (!ctx.principal) throw new TRPCError({ code: 'UNAUTHORIZED', message: 'Sign in to continue' });
  return next({ ctx: { principal: ctx.principal } });
});

/** A procedure any signed-in principal may call about itself; it acts in no tenant. */
export const signedInProcedure = base.meta({ permission: 'signed-in' }).use(requirePrincipal);

async function resolveTenant(ctx: Context, principal: Principal, requested: string | null): Promise<string> {
  const tenantId = requested ?? principal.defaultTenantId;
  if (!tenantId) throw new DomainError('INVALID_INPUT', 'Choose a workspace to work in');
  if (!canEnterTenant(principal.grants, tenantId)) {
    throw new DomainError('FORBIDDEN', 'You are not a member of that workspace');
  }
  // A suspended tenant's own members and keys are turned away; platform staff still enter to manage it.
  if (principal.grants.platformRole === null) {
    const status = await tenantStatus(ctx.db, tenantId, ctx.clock.now());
    if (status === 'suspended') throw new DomainError('FORBIDDEN', 'This workspace is suspended');
  }
  return tenantId;
}

/** A procedure that acts inside one tenant, after checking the principal holds `permission` there. */
export function tenantProcedure(
  permission: Permission,
  declared: { secrets?: SecretPaths; local?: true } = {},
) {
  return (
    base
      .meta({ permission, ...declared })
      .use(requirePrincipal)
      .use(async ({ ctx, next }) => {
        const tenantId = await resolveTenant(ctx, ctx.principal, ctx.requestedTenantId);
        if (!can(ctx.principal.grants, permission, tenantId)) {
          throw new DomainError('FORBIDDEN', `Your role does not allow ${permission}`);
        }
        return next({
          ctx: {
            tenantId,
            actor: {
              userId: ctx.principal.userId,
              name: ctx.principal.name,
              client: `${ctx.client.kind}:${ctx.client.id}`,
            },
          },
        });
      })
      // On a connected desktop the server is the authority: the command goes there (through the
      // outbox) and its answer comes back, instead of the command running on the local replica.
      .use(async ({ ctx, type, path, getRawInput, next, meta }) => {
        if (type !== 'mutation' || !ctx.forwardCommand || meta?.local) return next();
        const data = await ctx.forwardCommand({ path, input: await getRawInput(), tenantId: ctx.tenantId });
        return answeredElsewhere<Awaited<ReturnType<typeof next>>>(data);
      })
  );
}

/**
 * The account an account admin works in: the requested tenant's, else their only (first)
 * one. The customer comes from the principal's binding, never from input, so no input can
 * point an account procedure at another customer (decision 145).
 */
async function resolveAccount(ctx: Context, principal: Principal) {
  const accounts = principal.grants.accounts ?? {};
  const tenantId = ctx.requestedTenantId ?? Object.keys(accounts).sort()[0] ?? null;
  const customerId = tenantId === null ? null : accountOf(principal.grants, tenantId);
  if (tenantId === null || customerId === null) {
    throw new DomainError('FORBIDDEN', 'You administer no account in this workspace');
  }
  if ((await tenantStatus(ctx.db, tenantId, ctx.clock.now())) === 'suspended') {
    throw new DomainError('FORBIDDEN', 'This workspace is suspended');
  }
  return { tenantId, customerId };
}

/**
 * A procedure for an account admin, inside their own customer's account only: `ctx.customerId`
 * is the customer it may read. Staff (tenant and platform roles) are not account admins and are
 * refused; they see every account through the staff procedures.
 */
export function accountProcedure(permission: AccountPermission) {
  return (
    base
      .meta({ permission })
      .use(requirePrincipal)
      .use(async ({ ctx, next }) => {
        const { tenantId, customerId } = await resolveAccount(ctx, ctx.principal);
        return next({
          ctx: {
            tenantId,
            customerId,
            actor: {
              userId: ctx.principal.userId,
              name: ctx.principal.name,
              client: `${ctx.client.kind}:${ctx.client.id}`,
            },
          },
        });
      })
      // An account admin's desktop holds a replica of their account only: a change goes to the
      // server (as a staff command does) and its answer comes back.
      .use(async ({ ctx, type, path, getRawInput, next }) => {
        if (type !== 'mutation' || !ctx.forwardCommand) return next();
        const data = await ctx.forwardCommand({ path, input: await getRawInput(), tenantId: ctx.tenantId });
        return answeredElsewhere<Awaited<ReturnType<typeof next>>>(data);
      })
  );
}
