import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach } from 'vitest';
import type { EmbeddedBackend } from '../../embedded/backend';
import { type Clock, ManualClock } from '../../lib/clock';
import {
  desktopCaller,
  seedTenant,
  startDesktop,
  startServer,
  switchableFetch,
  type RestartableServer,
} from './desktop.test-kit';
import type { DesktopSyncOptions } from './embedded';

/**
 * One hosted server over real HTTP and the desktops a test opens against it, each in a fresh
 * directory per test: the sync tests all need this same stage, and each must leave nothing
 * running or on disk for the next.
 */

export const PASSWORD = 'correct horse battery staple';

export class Scene {
  dir = '';
  clock = new ManualClock(0);
  server!: RestartableServer;
  /** While true, every desktop opened with `cutOff` sees a cut network. */
  offline = false;
  /** The requests of `cutOff` desktops still waiting for their answer, which cut() ends. */
  private readonly inFlight = new Set<AbortController>();
  private desktops: EmbeddedBackend[] = [];

  constructor(
    private readonly prefix: string,
    private readonly sync: Partial<DesktopSyncOptions>,
  ) {}

  async start(): Promise<void> {
    this.dir = mkdtempSync(join(tmpdir(), this.prefix));
    this.clock = new ManualClock(Date.now());
    this.server = await startServer(this.dir, this.clock);
    this.desktops = [];
    this.offline = false;
  }

  async stop(): Promise<void> {
    for (const desktop of this.desktops) await desktop.close();
    await this.server.stop();
    rmSync(this.dir, { recursive: true, force: true });
  }

  /** A desktop in `dir/name` (so reopening the same name finds its data again), closed after the test. */
  async open(name: string, { cutOff = false, clock = this.clock }: { cutOff?: boolean; clock?: Clock } = {}) {
    const desktop = await startDesktop(join(this.dir, name), clock, {
      fetch: cutOff ? this.cuttableFetch : undefined,
      ...this.sync,
    });
    this.desktops.push(desktop);
    return desktop;
  }

  /**
   * Cuts the network of every `cutOff` desktop now, ending the requests they have in flight
   * as a dead server's dropped connections would: their answer, if any comes, is never read.
   */
  cut(): void {
    this.offline = true;
    for (const request of this.inFlight) request.abort(new TypeError('fetch failed: the connection was cut'));
  }

  private readonly cuttableFetch: typeof fetch = async (input, init) => {
    const request = new AbortController();
    this.inFlight.add(request);
    try {
      const offline = switchableFetch(() => this.offline);
      const signals = init?.signal ? [request.signal, init.signal] : [request.signal];
      return await offline(input, { ...init, signal: AbortSignal.any(signals) });
    } finally {
      this.inFlight.delete(request);
    }
  };

  /** Closes a desktop now, as quitting the app does, so the test can reopen it. */
  async close(desktop: EmbeddedBackend): Promise<void> {
    this.desktops.splice(this.desktops.indexOf(desktop), 1);
    await desktop.close();
  }

  connect(desktop: EmbeddedBackend, email = 'ada@acme.test') {
    return desktopCaller(desktop).connection.connect({
      serverUrl: this.server.url,
      email,
      password: PASSWORD,
    });
  }

  /** Starts the server again on its old port, so connected desktops find it where they left it. */
  async restartServer(port: number): Promise<void> {
    this.server = await startServer(this.dir, this.clock, port);
  }
}

/** A Scene started before each test and torn down after it; `sync` is added to every desktop's options. */
export function sceneForEachTest(prefix: string, sync: Partial<DesktopSyncOptions> = {}): Scene {
  const scene = new Scene(prefix, sync);
  beforeEach(() => scene.start());
  afterEach(() => scene.stop());
  return scene;
}

/** Acme, whose admin ada@acme.test signs in with PASSWORD, and its one customer, Alan Turing. */
export async function seedAcme(server: RestartableServer) {
  const acme = await seedTenant(server, {
    name: 'Acme',
    slug: 'acme',
    adminEmail: 'ada@acme.test',
    password: PASSWORD,
  });
  const alanId = (
    await (
      await acme.caller()
    ).customers.create({ name: 'Alan Turing', email: 'alan@acme.test', country: 'GB' })
  ).id;
  return { acme, alanId };
}
