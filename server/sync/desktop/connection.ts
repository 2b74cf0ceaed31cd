import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import type { ForwardedCommand, Principal, ProcedureDirectory } from '../../trpc/context';
import { withheldOf } from '../../trpc/secrets';
import type { SignedIn } from '../../auth';
import type { DB } from '../../db/schema';
import { DomainError } from '../../lib/errors';
import type { Logger } from '../../lib/logger';
import { startLoop, type Loop } from '../../lib/loop';
import { deleteSetting, loadPrincipal, readSetting, writeSetting } from '../../modules/tenants';
import type { MutationOutcome } from '../push';
import { checkCommandInput, commandSecrets } from './commands';
import { Outbox, type OutboxEntry } from './outbox';
import { Replica } from './replica';
import type { SecretStore } from './secret-store';
import { ServerLink, ServerUnreachable } from './server-link';
import { acceptOnServer, type InvitationAnswer } from './invitation';
import { pullAll, pushOutbox, type SyncProgress } from './sync-run';

export type ConnectionState = 'standalone' | 'connected' | 'syncing' | 'offline' | 'error';

export interface ConnectionStatus {
  state: ConnectionState;
  serverUrl: string | null;
  email: string | null;
  lastSyncedAt: number | null;
  pending: number;
  progress: SyncProgress | null;
  /** Why the last sync failed, in the server's words (or that it could not be reached). */
  error: string | null;
}

interface SavedConnection {
  serverUrl: string;
  email: string;
  userId: string;
}

interface Session {
  saved: SavedConnection;
  replica: Replica;
  outbox: Outbox;
  link: ServerLink;
  principal: Principal | null;
}

export interface ConnectionOptions {
  dataDir: string;
  /** The standalone database, which remembers the connection across restarts. */
  standaloneDb: Kysely<DB>;
  secrets: SecretStore;
  now: () => number;
  logger: Logger;
  /** The app's procedures, to check a command's input and keep its secrets off the disk. */
  procedures: ProcedureDirectory;
  nativeBinding?: string;
  fetch?: typeof fetch;
  /** How often a connected desktop syncs on its own. */
  intervalMs?: number;
  /** How long a command waits for the server's answer before it is left pending. */
  answerWaitMs?: number;
}

const SAVED_KEY = 'sync.connection';

/** A refusal that tells the console the command is queued, not lost. */
export const QUEUED_MESSAGE =
  'The server is not reachable: this change is queued and will be sent when it is back (see Connect)';

/**
 * A desktop's connection to a hosted server: sign-in, its replica and outbox, and the sync
 * loop. While connected, the console reads the replica and its commands go to the server.
 */
export class DesktopConnection {
  private session: Session | null = null;
  private loop: Loop | null = null;
  private state: ConnectionState = 'standalone';
  private error: string | null = null;
  private progress: SyncProgress | null = null;
  private queued: Promise<void> | null = null;
  private chain: Promise<void> = Promise.resolve();

  constructor(private readonly options: ConnectionOptions) {}

  /** Picks up the connection saved before a restart, if any; its outbox is sent on the first pass. */
  async restore(): Promise<void> {
    const raw = await readSetting(this.options.standaloneDb, SAVED_KEY);
    if (!raw) return;
    const saved = JSON.parse(raw) as SavedConnection;
    this.session = this.openSession(saved);
    this.session.principal = await this.loadPrincipalOrNull(this.session);
    this.state = 'connected';
    this.startLoop(0);
  }

  status(): ConnectionStatus {
    const session = this.session;
    const synced = session?.replica.readState('last_synced_at');
    return {
      state: this.state,
      serverUrl: session?.saved.serverUrl ?? null,
      email: session?.saved.email ?? null,
      lastSyncedAt: synced ? Number(synced) : null,
      pending: session?.outbox.countPending() ?? 0,
      progress: this.progress,
      error: this.error,
    };
  }

  outboxEntries(limit: number): OutboxEntry[] {
    return this.session?.outbox.list(limit) ?? [];
  }

  /** The replica and who is signed in, once the first sync has brought their rows. */
  active(): { db: Kysely<DB>; principal: Principal; offline: boolean } | null {
    const session = this.session;
    if (!session?.principal) return null;
    return {
      db: session.replica.database.db,
      principal: session.principal,
      offline: this.state === 'offline',
    };
  }

  /** Signs in, then brings the replica up to date before the console switches to it. */
  connect(input: { serverUrl: string; email: string; password: string }): Promise<ConnectionStatus> {
    return this.connectAs(input.serverUrl, (link) => link.login(input.email, input.password));
  }

  /**
   * Accepts an invitation on the server (which makes the account and signs it in), then goes
   * on exactly as connect does. Nothing is kept here if the server refuses the invitation.
   */
  acceptInvitation(input: { serverUrl: string } & InvitationAnswer): Promise<ConnectionStatus> {
    return this.connectAs(input.serverUrl, (link) => acceptOnServer(link, input));
  }

  /** Signs in one way or another, then fills the replica; connected only once the first sync is done. */
  private async connectAs(
    address: string,
    signIn: (link: ServerLink) => Promise<SignedIn['user']>,
  ): Promise<ConnectionStatus> {
    if (this.session) throw new DomainError('INVALID_STATE', 'Disconnect from the current server first');
    const serverUrl = new URL(address).origin;
    const link = new ServerLink(serverUrl, { ...this.linkOptions(), clientId: `signin-${randomHex(8)}` });
    const user = await signIn(link).catch((error: unknown) => {
      throw error instanceof ServerUnreachable ? unreachable(serverUrl) : error;
    });
    const saved: SavedConnection = { serverUrl, email: user.email, userId: user.id };
    const session = this.openSession(saved, link);
    this.session = session;
    await this.syncOnce(true);
    if (this.state === 'error' || this.state === 'offline') {
      const reason = this.error ?? 'The first sync did not finish';
      await this.teardown(session);
      throw new DomainError('INVALID_STATE', reason);
    }
    await writeSetting(this.options.standaloneDb, SAVED_KEY, JSON.stringify(saved));
    this.startLoop(this.options.intervalMs ?? 5000);
    return this.status();
  }

  /** Back to standalone: signs out of the server and leaves the replica (and any unsent commands) on disk. */
  async disconnect(): Promise<ConnectionStatus> {
    const session = this.session;
    if (!session) return this.status();
    await this.loop?.stop();
    this.loop = null;
    await session.link.logout();
    await deleteSetting(this.options.standaloneDb, SAVED_KEY);
    await this.teardown(session);
    return this.status();
  }

  /** Queues a command and waits briefly for the server's answer: its result, or its refusal. */
  async forward(command: ForwardedCommand): Promise<unknown> {
    const session = this.session;
    if (!session) throw new DomainError('INVALID_STATE', 'This desktop is not connected');
    checkCommandInput(this.options.procedures, command.path, command.input);
    const id = session.outbox.add(command, this.options.now());
    await withTimeout(this.requestSync(), this.options.answerWaitMs ?? 8000);
    return answerOf(session.outbox.take(id));
  }

  /** Runs a sync now (after the one in hand, if any); never throws: the outcome is the state. */
  requestSync(): Promise<void> {
    if (this.queued) return this.queued;
    const run = this.chain.then(() => {
      this.queued = null;
      return this.syncOnce(false);
    });
    this.queued = run;
    this.chain = run;
    return run;
  }

  async close(): Promise<void> {
    await this.loop?.stop();
    this.loop = null;
    await this.chain;
    if (this.session) await this.session.replica.close();
    this.session = null;
  }

  private async syncOnce(first: boolean): Promise<void> {
    const session = this.session;
    if (!session) return;
    this.state = 'syncing';
    try {
      await pushOutbox(session.link, session.outbox, this.options.now);
      await pullAll(session.link, session.replica, {
        now: this.options.now,
        onProgress: first ? (progress) => (this.progress = progress) : undefined,
      });
      session.principal = await this.loadPrincipalOrNull(session);
      this.state = 'connected';
      this.error = null;
    } catch (error) {
      this.state = error instanceof ServerUnreachable ? 'offline' : 'error';
      this.error = error instanceof ServerUnreachable ? 'The server could not be reached' : messageOf(error);
      if (this.state === 'error') this.options.logger.warn({ err: error }, 'sync failed');
    } finally {
      this.progress = null;
    }
  }

  private openSession(saved: SavedConnection, signedIn?: ServerLink): Session {
    const dir = join(this.options.dataDir, 'replicas');
    mkdirSync(dir, { recursive: true });
    const file = createHash('sha256').update(`${saved.serverUrl}|${saved.userId}`).digest('hex').slice(0, 20);
    const replica = Replica.open(join(dir, `${file}.sqlite`), this.options.nativeBinding);
    let clientId = replica.readState('client_id');
    if (!clientId) {
      clientId = `desk-${randomHex(12)}`;
      replica.writeState('client_id', clientId);
    }
    const link = signedIn ?? new ServerLink(saved.serverUrl, { ...this.linkOptions(), clientId });
    link.useClientId(clientId);
    return {
      saved,
      replica,
      outbox: new Outbox(replica.sqlite, (path) => commandSecrets(this.options.procedures, path)),
      link,
      principal: null,
    };
  }

  private linkOptions() {
    return { secrets: this.options.secrets, now: this.options.now, fetch: this.options.fetch };
  }

  private async loadPrincipalOrNull(session: Session): Promise<Principal | null> {
    try {
      return await loadPrincipal(session.replica.database.db, session.saved.userId);
    } catch {
      return null;
    }
  }

  private startLoop(firstDelayMs: number): void {
    this.loop = startLoop({
      name: 'sync',
      logger: this.options.logger,
      intervalMs: this.options.intervalMs ?? 5000,
      firstDelayMs,
      pass: () => this.requestSync(),
    });
  }

  private async teardown(session: Session): Promise<void> {
    await session.replica.close();
    this.session = null;
    this.state = 'standalone';
    this.error = null;
  }
}

function randomHex(bytes: number): string {
  return randomBytes(bytes).toString('hex');
}

function unreachable(serverUrl: string): DomainError {
  const message = `No server answered at ${serverUrl}; check the address and your network`;
  return new DomainError('INVALID_STATE', message, { serverUrl: [message] });
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function withTimeout(work: Promise<void>, ms: number): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    void work.finally(() => {
      clearTimeout(timer);
      resolve();
    });
  });
}

/** Said when a command was done but the one answer carrying its secret (a new key) did not arrive. */
export const SECRET_NOT_RECEIVED_MESSAGE =
  'The server did this, but the answer carrying the new secret did not reach this desktop, and a secret is shown only once: revoke it and create a new one';

function answerOf(outcome: MutationOutcome | null): unknown {
  if (!outcome) throw new DomainError('INVALID_STATE', QUEUED_MESSAGE);
  if (outcome.status === 'ok') {
    if (withheldOf(outcome.result)) throw new DomainError('INVALID_STATE', SECRET_NOT_RECEIVED_MESSAGE);
    return outcome.result;
  }
  if (outcome.code === 'INTERNAL') throw new Error(outcome.message);
  throw new DomainError(outcome.code, outcome.message);
}

declare module '../../trpc/context' {
  interface Services {
    /** A desktop's link to a hosted server (the Connect page); absent on the hosted server. */
    connection?: DesktopConnection;
  }
}
