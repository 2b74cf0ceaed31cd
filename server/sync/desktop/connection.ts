import type Database from 'better-sqlite3';
import type { Kysely } from 'kysely';
import type { ForwardedCommand, Principal, ProcedureDirectory } from '../../trpc/context';
import type { SignedIn } from '../../auth';
import type { DB } from '../../db/schema';
import { DomainError } from '../../lib/errors';
import type { Logger } from '../../lib/logger';
import { startLoop, type Loop } from '../../lib/loop';
import { deleteSetting, loadPrincipal, readSetting, writeSetting } from '../../modules/tenants';
import { answerOf, queuedAnswer } from './answers';
import { parseCommandInput } from './commands';
import { LOCAL_EFFECTS } from './optimistic/effects';
import { describeCommand } from './optimistic/labels';
import { refuseUnowned } from './optimistic/provisional-owner';
import type { CommandDescription, LocalCommand, LocalEffects } from './optimistic/types';
import type { OutboxEntry } from './outbox-entry';
import type { PendingMark } from './overlay';
import type { SecretStore } from './secret-store';
import { ServerLink, ServerUnreachable } from './server-link';
import { openSession, randomHex, type SavedConnection, type Session } from './session';
import { acceptOnServer, type InvitationAnswer } from './invitation';
import { pullAll, pushOutbox, type SyncProgress } from './sync-run';
import { ConnectionWatch } from './watch';

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
  /** Changes whenever the replica does (a page, a local command, a rebase, an answer): screens re-read then. */
  replicaVersion: number;
  /** Refusals the user has not dealt with yet. */
  refused: number;
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
  /** How often an offline desktop tries the server again (the badge follows within it). */
  offlineProbeMs?: number;
  /** How often a connected desktop checks the server still answers (its /healthz). */
  heartbeatMs?: number;
  /** Commands' optimistic effects on the replica, by path (tests give their own). */
  effects?: LocalEffects;
  /** Names a command for the outbox; defaults to its effect's describe, else its path. */
  describe?: (sqlite: Database.Database, path: string, command: LocalCommand) => CommandDescription;
}

const SAVED_KEY = 'sync.connection';
const OFFLINE_PROBE_MS = 1000;
const HEARTBEAT_MS = 1000;

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
  /** Offline: the next try of the server; connected: the next heartbeat. Made with the loop. */
  private watch: ConnectionWatch | null = null;
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
      replicaVersion: session?.replica.version ?? 0,
      refused: session?.outbox.countRefused() ?? 0,
    };
  }

  outboxEntries(limit: number): OutboxEntry[] {
    return this.session?.outbox.list(limit) ?? [];
  }

  /** Each row a pending command changed, for the console's "pending" badges. */
  pendingMarks(): PendingMark[] {
    return this.session?.replica.overlay.marks() ?? [];
  }

  /** Withdraws a command not yet sent; its effect leaves the replica at once. */
  cancel(id: number): void {
    const session = this.requireSession();
    session.outbox.cancel(id, this.options.now());
    session.local.rebase();
  }

  /** The user has dealt with a refusal (discarded it, or went to edit the record). */
  acknowledge(id: number): void {
    const session = this.requireSession();
    session.outbox.acknowledge(id);
    session.replica.touch();
  }

  /**
   * Queues a refused command again ("keep mine"), its input brought up to the replica's
   * current rows by its effect (a customer edit's base), and answers as forward does.
   */
  async retry(id: number): Promise<unknown> {
    const session = this.requireSession();
    const refused = session.outbox.refused(id);
    const effect = this.effects()[refused.path];
    const input = effect?.refreshInput
      ? effect.refreshInput(session.replica.sqlite, refused.input)
      : refused.input;
    const queuedId = this.queue(session, { ...refused, input }, null);
    session.outbox.acknowledge(id);
    return this.answer(session, queuedId);
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
    this.watch?.schedule();
    return this.status();
  }

  /** Back to standalone: signs out of the server and leaves the replica (and any unsent commands) on disk. */
  async disconnect(): Promise<ConnectionStatus> {
    const session = this.session;
    if (!session) return this.status();
    await this.loop?.stop();
    this.loop = null;
    this.watch?.stop();
    this.watch = null;
    await session.link.logout();
    await deleteSetting(this.options.standaloneDb, SAVED_KEY);
    await this.teardown(session);
    return this.status();
  }

  /**
   * Queues a command with its effect applied on the replica, then waits briefly for the
   * server's answer while online (not at all offline). The answer is the server's result or
   * refusal, else the effect's provisional answer marked queued (decision 104). A key already
   * queued (a second submit of one form) queues nothing and gets the first command's answer.
   */
  async forward(command: ForwardedCommand, options: { commandKey?: string | null } = {}): Promise<unknown> {
    const session = this.requireSession();
    const commandKey = options.commandKey ?? null;
    const known = commandKey === null ? null : session.outbox.byKey(commandKey);
    if (known && known.path !== command.path) {
      throw new DomainError('INVALID_INPUT', 'This form’s key was already used for another kind of change');
    }
    const id = known ? known.id : this.queue(session, command, commandKey);
    return this.answer(session, id);
  }

  private queue(session: Session, command: ForwardedCommand, commandKey: string | null): number {
    const parsed = parseCommandInput(this.options.procedures, command.path, command.input);
    // An effect checks this itself: a provisional id is named only while its create waits here.
    if (!this.effects()[command.path]) refuseUnowned(session.replica.sqlite, command.input);
    return session.local.queue({ ...command, parsed, commandKey }, this.options.now());
  }

  private async answer(session: Session, id: number): Promise<unknown> {
    if (session.outbox.answer(id) === null) {
      // A sync after the one in hand, if any (which may have pushed before this was queued).
      const sent = this.requestSync();
      // Offline, the caller is not kept waiting: the sync (or the probe) sends it when it can.
      if (this.state !== 'offline') await withTimeout(sent, this.options.answerWaitMs ?? 8000);
    }
    const outcome = session.outbox.take(id);
    if (outcome) {
      // Its caller is told of a refusal right here: no notice for it later.
      if (outcome.status === 'error') session.outbox.acknowledge(id);
      return answerOf(outcome);
    }
    const { label, provisional, cancelled } = session.outbox.queued(id);
    if (cancelled) throw new DomainError('INVALID_STATE', 'This change was cancelled');
    return queuedAnswer({ outboxId: id, label }, provisional);
  }

  private requireSession(): Session {
    if (!this.session) throw new DomainError('INVALID_STATE', 'This desktop is not connected');
    return this.session;
  }

  private effects(): LocalEffects {
    return this.options.effects ?? LOCAL_EFFECTS;
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
    this.watch?.stop();
    this.watch = null;
    await this.chain;
    if (this.session) await this.session.replica.close();
    this.session = null;
  }

  private async syncOnce(first: boolean): Promise<void> {
    const session = this.session;
    if (!session) return;
    // A probe while offline stays "offline" until it gets through: the badge does not flicker.
    if (this.state !== 'offline') this.state = 'syncing';
    try {
      await pushOutbox(session.link, session.outbox, this.options.now, () => session.local.rebase());
      await pullAll(session.link, session.replica, {
        now: this.options.now,
        onProgress: first ? (progress) => (this.progress = progress) : undefined,
        caughtUp: () => session.local.caughtUp(),
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
      this.watch?.schedule();
    }
  }

  private openSession(saved: SavedConnection, signedIn?: ServerLink): Session {
    return openSession(saved, {
      dataDir: this.options.dataDir,
      nativeBinding: this.options.nativeBinding,
      procedures: this.options.procedures,
      effects: this.effects(),
      describe:
        this.options.describe ??
        ((sqlite, path, command) => describeCommand(sqlite, path, command, this.effects())),
      link: (clientId) => signedIn ?? new ServerLink(saved.serverUrl, { ...this.linkOptions(), clientId }),
    });
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
    this.watch = new ConnectionWatch(
      {
        state: () => (this.state === 'offline' || this.state === 'connected' ? this.state : 'other'),
        syncWaiting: () => this.queued !== null,
        sync: () => this.requestSync(),
        alive: () => this.session?.link.alive() ?? null,
        lost: () => {
          this.state = 'offline';
          this.error = 'The server could not be reached';
        },
      },
      {
        probeMs: this.options.offlineProbeMs ?? OFFLINE_PROBE_MS,
        heartbeatMs: this.options.heartbeatMs ?? HEARTBEAT_MS,
      },
    );
  }

  private async teardown(session: Session): Promise<void> {
    await session.replica.close();
    this.session = null;
    this.state = 'standalone';
    this.error = null;
  }
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

declare module '../../trpc/context' {
  interface Services {
    /** A desktop's link to a hosted server (the Connect page); absent on the hosted server. */
    connection?: DesktopConnection;
  }
}
