import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PERMISSIONS, type Permission } from '../../../shared/permissions';
import { appRouter } from '../../app/router';
import { createApiKey, verifyApiKey } from '../../auth';
import { ManualClock } from '../../lib/clock';
import { insertTenant, type Tenant } from '../../modules/tenants';
import { createCallerFactory } from '../../trpc/base';
import { createContext } from '../../trpc/context';
import { startTestHostedServer, type TestHostedServer } from '../hosted.test-kit';
import type { RestLimits } from './limits';

/**
 * A hosted server with the REST API on 127.0.0.1 (a free port) and two workspaces, A and
 * B, each with a billing API key and a small catalog (Free by default, Pro and Team monthly
 * prices, two features). Only what REST cannot do itself (the catalog, a card) is set up
 * through the console's procedures, as the key.
 */

export const START = Date.UTC(2026, 5, 1, 8, 0);

export interface Workspace {
  tenant: Tenant;
  key: string;
  pro: { priceId: string };
  team: { priceId: string };
  /** Calls the console's procedures as this workspace's key. */
  console: Awaited<ReturnType<typeof consoleAs>>;
}

export interface RestWorld {
  hosted: TestHostedServer;
  clock: ManualClock;
  base: string;
  a: Workspace;
  b: Workspace;
  /** A key of A with `scopes` only. */
  keyWith(scopes: Permission[]): Promise<string>;
  stop(): Promise<void>;
}

async function consoleAs(hosted: TestHostedServer, key: string, now: number) {
  const principal = await verifyApiKey(hosted.backend.services.db, key, now);
  return createCallerFactory(appRouter)(
    createContext({ services: hosted.backend.services, principal, client: { kind: 'test', id: 'rest-kit' } }),
  );
}

async function workspace(hosted: TestHostedServer, clock: ManualClock, name: string): Promise<Workspace> {
  const db = hosted.backend.services.db;
  const tenant = await insertTenant(db, {
    name,
    slug: name.toLowerCase().replace(/\W+/g, '-'),
    now: clock.now(),
  });
  const { key } = await createApiKey(db, {
    tenantId: tenant.id,
    name: `${name} service`,
    role: 'billing',
    scopes: PERMISSIONS,
    createdBy: null,
    now: clock.now(),
  });
  const console = await consoleAs(hosted, key, clock.now());
  await console.catalog.createFeature({ key: 'courses.max', name: `${name} courses`, kind: 'limit' });
  await console.catalog.createFeature({ key: 'api.access', name: `${name} API`, kind: 'flag' });
  const product = await console.catalog.createProduct({ name: `${name} Academy` });
  await console.catalog.createPlan({
    productId: product.id,
    name: `${name} Free`,
    isDefault: true,
    features: { 'courses.max': 3, 'api.access': false },
  });
  const plan = (planName: string, sortOrder: number) =>
    console.catalog.createPlan({
      productId: product.id,
      name: `${name} ${planName}`,
      sortOrder,
      features: { 'courses.max': null, 'api.access': true },
    });
  const pro = await plan('Pro', 1);
  const team = await plan('Team', 2);
  const price = (planId: string, amount: number) =>
    console.catalog.createPrice({ planId, amount, currency: 'USD', interval: 'month' });
  return {
    tenant,
    key,
    pro: { priceId: (await price(pro.id, 2000)).id },
    team: { priceId: (await price(team.id, 5000)).id },
    console,
  };
}

export async function startRestWorld(options: { restLimits?: Partial<RestLimits> } = {}): Promise<RestWorld> {
  const dir = mkdtempSync(join(tmpdir(), 'tollgate-rest-'));
  const clock = new ManualClock(START);
  const hosted = await startTestHostedServer({ dir, clock, restLimits: options.restLimits });
  try {
    const a = await workspace(hosted, clock, 'Alpha');
    const b = await workspace(hosted, clock, 'Bravo');
    return {
      hosted,
      clock,
      base: `${hosted.url}/api/v1`,
      a,
      b,
      keyWith: async (scopes) =>
        (
          await createApiKey(hosted.backend.services.db, {
            tenantId: a.tenant.id,
            name: `scoped ${scopes.join(' ')}`,
            role: 'billing',
            scopes,
            createdBy: null,
            now: clock.now(),
          })
        ).key,
      stop: async () => {
        await hosted.stop();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await hosted.stop();
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}

/** An answer's JSON as tests read it: an object, or a failure in the one error shape. */
export interface RestBody {
  error?: { type: string; code: string; message: string; param: string | null };
  id?: string;
  data?: { id: string }[];
  [field: string]: unknown;
}

/** A fetch of the REST API with a key; JSON in, status, headers and JSON (or text) out. */
export async function rest(
  world: RestWorld,
  method: string,
  path: string,
  options: { key?: string | null; body?: unknown; headers?: Record<string, string> } = {},
) {
  const headers: Record<string, string> = { ...options.headers };
  const key = options.key === undefined ? world.a.key : options.key;
  if (key) headers.authorization = `Bearer ${key}`;
  let body: string | undefined;
  if (options.body !== undefined) {
    headers['content-type'] ??= 'application/json';
    body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
  }
  const response = await fetch(`${world.base}${path}`, { method, headers, body });
  const text = await response.text();
  let json: unknown = null;
  try {
    json = JSON.parse(text);
  } catch {
    json = null;
  }
  return { status: response.status, headers: response.headers, text, json: json as RestBody };
}
