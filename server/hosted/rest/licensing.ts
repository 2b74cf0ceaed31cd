import type { IncomingMessage, ServerResponse } from 'node:http';
import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import { tenantId } from '../../../shared/admin/schema';
import { can, type Permission } from '../../../shared/permissions';
import {
  activateInput,
  checkInInput,
  machineInput,
  usageInput,
  validateInput,
} from '../../../shared/licensing/api-schema';
import {
  activateByKey,
  checkInByKey,
  deactivateByKey,
  heartbeatByKey,
  licenseKeyHash,
  publishedKeySet,
  recordUsageByKey,
  validateLicense,
  type LicenseCaller,
} from '../../modules/licensing';
import { DomainError } from '../../lib/errors';
import type { Services } from '../../trpc/context';
import { tenantStatus } from '../../trpc/tenant-status';
import { restPrincipal } from './auth';
import { readJsonBody } from './body';
import { failure, fromTRPCError, sendFailure, sendJson, type RestFailure } from './errors';
import type { RateGate, RestLimits } from './limits';

/**
 * The licensing operations the platform's apps call (`/api/v1/licenses/…`; docs/rest-api.md,
 * "Licensing"), answered here rather than through a tRPC procedure (decision 155): an app
 * validates on every start and often while it runs, and the procedure path's middleware chain
 * costs more than the whole validation. The same server, limits, body reading and error shape
 * as every REST operation; what differs is who may call: the license key in the body is the
 * credential, and a service may add its API key (`Authorization: Bearer tg_key_…`, with
 * licensing.read to validate and licensing.manage for the rest), which bounds what it finds
 * to its workspace and counts its requests under the key instead of the license.
 */

type Caller = LicenseCaller;

interface Operation<S extends z.ZodType> {
  /** POST takes a JSON body; GET its query parameters. */
  method?: 'GET' | 'POST';
  input: S;
  permission: Permission;
  run(services: Services, input: z.infer<S>, caller: Caller): Promise<unknown>;
}

const operation = <S extends z.ZodType>(op: Operation<S>) => op as unknown as Operation<z.ZodType>;

const keySetInput = z.strictObject({ tenant: tenantId.optional() });

/** The workspace's published signing keys (public halves): the API key's workspace, or the one named. */
async function keySetFor(services: Services, input: { tenant?: string | undefined }, caller: Caller) {
  const tenant = caller.kind === 'api-key' ? caller.tenantId : input.tenant;
  if (tenant === undefined || (input.tenant !== undefined && input.tenant !== tenant)) {
    throw new DomainError(
      'INVALID_INPUT',
      'tenant: name the workspace (ten_…) whose keys you want, or send its API key',
      {
        tenant: ['Required without an API key, and the API key’s own workspace with one'],
      },
    );
  }
  return { object: 'key_set', ...(await publishedKeySet(services.db, tenant)) };
}

export const LICENSING_OPERATIONS: Record<string, Operation<z.ZodType>> = {
  '/licenses/validate': operation({
    input: validateInput,
    permission: 'licensing.read',
    run: (services, input, caller) => validateLicense(services, input, caller, services.clock.now()),
  }),
  '/licenses/activate': operation({
    input: activateInput,
    permission: 'licensing.manage',
    run: (services, input, caller) => activateByKey(services, input, caller),
  }),
  '/licenses/deactivate': operation({
    input: machineInput,
    permission: 'licensing.manage',
    run: (services, input, caller) => deactivateByKey(services, input, caller),
  }),
  '/licenses/check-in': operation({
    input: checkInInput,
    permission: 'licensing.manage',
    run: (services, input, caller) => checkInByKey(services, input, caller),
  }),
  '/licenses/usage': operation({
    input: usageInput,
    permission: 'licensing.manage',
    run: (services, input, caller) => recordUsageByKey(services, input, caller),
  }),
  '/licensing/keys': operation({
    method: 'GET',
    input: keySetInput,
    permission: 'licensing.read',
    run: (services, input, caller) => keySetFor(services, input, caller),
  }),
  '/licenses/heartbeat': operation({
    input: machineInput,
    permission: 'licensing.manage',
    run: (services, input, caller) => heartbeatByKey(services, input, caller),
  }),
};

const forbidden = (message: string) => failure(403, 'permission_error', 'forbidden', message);

/** An API key's caller, or why it may not call `permission`. */
async function apiKeyCaller(
  services: Services,
  authorization: string,
  permission: Permission,
  address: string | null,
): Promise<Caller | RestFailure> {
  const now = services.clock.now();
  const auth = await restPrincipal(services.db, authorization, now, {
    address,
    onError: (error) => services.logger.warn({ err: error }, 'recording an API key’s last use failed'),
  });
  if ('refused' in auth) return auth.refused;
  const { principal } = auth;
  const tenantId = principal.defaultTenantId;
  if (!tenantId || !can(principal.grants, permission, tenantId)) {
    return forbidden(`Your role does not allow ${permission}`);
  }
  if ((await tenantStatus(services.db, tenantId, now)) === 'suspended') {
    return forbidden('This workspace is suspended');
  }
  return { kind: 'api-key', keyId: principal.userId, tenantId, address };
}

export interface LicensingApiOptions {
  services: Services;
  limits: RestLimits;
  /** The REST API's per-key gate: an API key counts as itself, a license key as its license. */
  perKey: RateGate;
  rateLimited(headers: Record<string, string>): RestFailure;
}

const invalid = (cause: unknown) => fromTRPCError(new TRPCError({ code: 'BAD_REQUEST', cause }), 400);

/** The operation's input: the JSON body of a POST, the query parameters of a GET. */
async function inputOf(
  req: IncomingMessage,
  op: Operation<z.ZodType>,
  bodyBytes: number,
): Promise<{ value: unknown } | RestFailure> {
  if (op.method !== 'GET') return readJsonBody(req, bodyBytes);
  const at = req.url?.indexOf('?') ?? -1;
  const search = at < 0 ? '' : (req.url ?? '').slice(at + 1);
  return { value: Object.fromEntries(new URLSearchParams(search)) };
}

/** Answers a licensing operation (`template` is one of LICENSING_OPERATIONS). */
export function licensingApi(options: LicensingApiOptions) {
  const { services, limits, perKey } = options;
  return async function answer(
    req: IncomingMessage,
    res: ServerResponse,
    template: string,
    address: string | null,
  ): Promise<void> {
    const op = LICENSING_OPERATIONS[template];
    if (!op) throw new Error(`not a licensing operation: ${template}`);
    const authorization = req.headers.authorization;
    let caller: Caller = { kind: 'license-key', address };
    if (authorization !== undefined) {
      const found = await apiKeyCaller(services, authorization, op.permission, address);
      if ('status' in found) return sendFailure(res, found);
      caller = found;
    }
    const input = await inputOf(req, op, limits.bodyBytes);
    if ('error' in input) return sendFailure(res, input);
    const parsed = op.input.safeParse(input.value);
    if (!parsed.success) return sendFailure(res, invalid(parsed.error));
    const key = (parsed.data as { key?: string }).key;
    // An API key counts as itself; a license key as its license; the key set by address only.
    const counted = caller.kind === 'api-key' ? caller.keyId : key && `license:${licenseKeyHash(key)}`;
    if (counted) {
      const byKey = await perKey.take(counted);
      for (const [name, value] of Object.entries(byKey.headers)) res.setHeader(name, value);
      if (!byKey.allowed) return sendFailure(res, options.rateLimited(byKey.headers));
    }
    try {
      sendJson(res, 200, await op.run(services, parsed.data, caller));
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      sendFailure(res, invalid(error));
    }
  };
}
