import type { Server } from 'node:http';
import { join } from 'node:path';
import type { SignInLimits } from '../auth';
import type { ScryptParams } from '../auth/passwords';
import { close, createHttpServer, listen } from '../http/server';
import type { Clock } from '../lib/clock';
import { silentLogger } from '../lib/logger';
import { createHostedBackend, type HostedBackend } from './backend';
import { createRestApi, REST_PREFIX, type RestLimits } from './rest';
import { testServerPostgres } from '../testing/test-database.test-kit';

/**
 * A hosted server in the test's own process, on real HTTP at 127.0.0.1 (a free port),
 * for tests that sign in and call it as a client would. Cheap password hashing keeps
 * sign-ins fast; everything else is the production composition.
 */

export const TEST_SCRYPT: ScryptParams = { logN: 10, r: 8, p: 1 };
export const TEST_OWNER = { email: 'owner@tollgate.test', password: 'a long passphrase for the tests' };

export interface TestHostedServer {
  url: string;
  backend: HostedBackend;
  server: Server;
  stop(): Promise<void>;
}

export async function startTestHostedServer(options: {
  dir: string;
  clock: Clock;
  owner?: { email: string; password: string };
  scrypt?: ScryptParams;
  signInLimits?: SignInLimits;
  /** Believe X-Forwarded-For from these peers (tests name 127.0.0.1 to act from many addresses). */
  trustedProxies?: readonly string[];
  /** The REST API's limits (tests of 429 and 413 tighten them). */
  restLimits?: Partial<RestLimits>;
}): Promise<TestHostedServer> {
  const backend = await createHostedBackend({
    config: {
      dataDir: join(options.dir, 'server'),
      postgres: await (testServerPostgres(options.dir) ?? null),
      tokenKey: { secret: new TextEncoder().encode('test-only token secret, 32 bytes+') },
      owner: options.owner ?? TEST_OWNER,
      gateway: {},
      smtp: null,
    },
    logger: silentLogger,
    clock: options.clock,
    scrypt: options.scrypt ?? TEST_SCRYPT,
    signInLimits: options.signInLimits,
  });
  const rest = createRestApi({
    services: backend.services,
    logger: silentLogger,
    limits: options.restLimits,
    trustedProxies: options.trustedProxies,
  });
  const server = createHttpServer({
    router: backend.router,
    createContext: (req, { address }) =>
      backend.contextFromHeaders((name) => req.headers[name] as string | undefined, 'hosted', address),
    logger: silentLogger,
    anyHost: true,
    trustedProxies: options.trustedProxies,
    publicRoutes: { [REST_PREFIX]: rest.route },
  });
  const { url } = await listen(server, 0);
  return {
    url,
    backend,
    server,
    stop: async () => {
      await close(server);
      rest.stop();
      await backend.close();
    },
  };
}

export interface CallOutcome<T = unknown> {
  status: number;
  /** Retry-After, when the server sent one. */
  retryAfter?: string;
  data?: T;
  error?: { message: string; data: { domainCode: string; fieldErrors?: Record<string, string[]> } };
}

/**
 * Calls one procedure as a client does: queries by GET, mutations by POST, with the
 * client header, the bearer token and the tenant header when given.
 */
export async function callHosted<T = unknown>(
  url: string,
  type: 'query' | 'mutation',
  path: string,
  input?: unknown,
  auth: { token?: string; tenantId?: string; address?: string } = {},
): Promise<CallOutcome<T>> {
  const headers: Record<string, string> = { 'x-tollgate-client': 'web:hosted-test' };
  if (auth.token) headers.authorization = `Bearer ${auth.token}`;
  if (auth.tenantId) headers['x-tollgate-tenant'] = auth.tenantId;
  // Believed only by a server told to trust 127.0.0.1 as its proxy.
  if (auth.address) headers['x-forwarded-for'] = auth.address;
  const query = input === undefined ? '' : `?input=${encodeURIComponent(JSON.stringify(input))}`;
  const response =
    type === 'query'
      ? await fetch(`${url}/trpc/${path}${query}`, { headers })
      : await fetch(`${url}/trpc/${path}`, {
          method: 'POST',
          headers: { ...headers, 'content-type': 'application/json' },
          body: JSON.stringify(input ?? null),
        });
  const body = (await response.json()) as { result?: { data: T }; error?: CallOutcome['error'] };
  return {
    status: response.status,
    retryAfter: response.headers.get('retry-after') ?? undefined,
    data: body.result?.data,
    error: body.error,
  };
}
