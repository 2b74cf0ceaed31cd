import type { AnyProcedure } from '@trpc/server';
import type { Kysely } from 'kysely';
import type { Grants } from '../../shared/permissions';
import type { DB } from '../db/schema';
import type { GatewayProvider } from '../gateways/types';
import type { Clock } from '../lib/clock';
import type { DomainError } from '../lib/errors';
import type { Logger } from '../lib/logger';

/** How a principal proved who it is: the desktop's local owner, a sign-in session, or an API key. */
export type PrincipalSource =
  | { kind: 'local' }
  | { kind: 'session'; sessionId: string }
  | { kind: 'apiKey'; keyId: string; tenantId: string };

/** Who is acting. Standalone mode makes the local owner; the hosted server a signed-in user or an API key. */
export interface Principal {
  /** The user, or for an API key the key's id (apk_…), as the audit trail records the actor. */
  userId: string;
  name: string;
  email: string;
  grants: Grants;
  /** The tenant the console opens in when the client names none. */
  defaultTenantId: string | null;
  /** Absent means the local owner (standalone), as before accounts existed. */
  via?: PrincipalSource;
}

/** Which program sent the request, recorded in the audit trail. */
export interface ClientInfo {
  kind: 'desktop' | 'web' | 'hosted' | 'test' | 'system';
  id: string;
}

/** 'hosted': the server with accounts, the authority for its tenants. */
export type BackendMode = 'standalone' | 'connected' | 'offline' | 'hosted';

/** A command the console made on a connected desktop, on its way to the server. */
export interface ForwardedCommand {
  path: string;
  input: unknown;
  tenantId: string;
}

/**
 * The port through which the layers below the app (sync) find and call a procedure by its
 * path, without importing the router that holds them all: the host wires it from the app
 * router (server/app) into the services.
 */
export interface ProcedureDirectory {
  /** The procedure at `path`, or undefined when there is none. */
  find(path: string): AnyProcedure | undefined;
  /** Calls the procedure at `path` in `ctx`, checked like any request (input, principal, permission). */
  call(ctx: Context, path: string, input: unknown): Promise<unknown>;
}

/**
 * What every procedure may use, whatever the transport. This layer imports nothing above it:
 * a layer above that brings a service of its own adds it by augmenting this interface where
 * the service is defined (auth/settings.ts: `auth`; sync/desktop/connection.ts: `connection`).
 */
/**
 * A port for the hosted server's backups (server/modules/backups takes them): the database to
 * back up and the backup settings (server/modules/backups/settings.ts reads them).
 */
export interface BackupRuntime {
  source: { kind: 'sqlite'; path: string } | { kind: 'postgres'; url: string };
  settings: { directory: string; intervalMs: number | null; keep: number; pgBinDir: string | null };
}

export interface Services {
  db: Kysely<DB>;
  clock: Clock;
  logger: Logger;
  mode: BackendMode;
  /** Every procedure of the app by path, for sync's push and the desktop's outbox. */
  procedures: ProcedureDirectory;
  /** Set while a desktop is connected: commands go to the server instead of running on the replica. */
  forwardCommand?: (command: ForwardedCommand) => Promise<unknown>;
  gateways: GatewayProvider;
  /**
   * Whether this backend's email loop has an SMTP server (set when its authority work starts).
   * Only the yes or no: the server's name and credentials never leave the mailer.
   */
  smtpConfigured?: boolean;
  /** The hosted server's backups: its database and backup settings (server/modules/backups); unset elsewhere. */
  backups?: BackupRuntime;
}

export interface Context extends Services {
  principal: Principal | null;
  /** The tenant the client asked to work in; checked against the principal before use. */
  requestedTenantId: string | null;
  client: ClientInfo;
  /** The caller's network address, for throttling and the audit trail; null when not over HTTP. */
  clientAddress: string | null;
  /**
   * Why the request's credentials were refused (expired token, revoked session…). Kept
   * rather than thrown so public procedures (sign in, refresh) still answer; procedures
   * that need a principal report it instead of a bare "Sign in".
   */
  authError: DomainError | null;
}

/** Builds a context without any transport: HTTP, IPC and tests all come through here. */
export function createContext(input: {
  services: Services;
  principal: Principal | null;
  requestedTenantId?: string | null;
  client: ClientInfo;
  clientAddress?: string | null;
  authError?: DomainError | null;
}): Context {
  return {
    ...input.services,
    principal: input.principal,
    requestedTenantId: input.requestedTenantId ?? null,
    client: input.client,
    clientAddress: input.clientAddress ?? null,
    authError: input.authError ?? null,
  };
}

/** Header names the console sends; the same on HTTP and over IPC. */
export const TENANT_HEADER = 'x-tollgate-tenant';
export const CLIENT_HEADER = 'x-tollgate-client';
