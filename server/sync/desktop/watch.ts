/** What the watch needs of a connection: its state, and ways to sync and to ask the server. */
export interface Watched {
  /** Offline: tried again soon; connected: checked soon; anything else: left to the loop. */
  state(): 'offline' | 'connected' | 'other';
  /** Whether a sync is waiting to run (it will say itself whether the server answers). */
  syncWaiting(): boolean;
  sync(): Promise<void>;
  /** Whether the server answers at all; null when there is no server to ask any more. */
  alive(): Promise<boolean> | null;
  /** The heartbeat found no server. */
  lost(): void;
}

/**
 * The badge follows the server within about a second both ways (decision 104): offline
 * (whether a pass, a command or the console found it so) the server is tried again every
 * `probeMs`; connected, a heartbeat asks its /healthz every `heartbeatMs`, and a server that
 * does not answer is offline at once. Syncs themselves keep the loop's interval.
 */
export class ConnectionWatch {
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;

  constructor(
    private readonly watched: Watched,
    private readonly timing: { probeMs: number; heartbeatMs: number },
  ) {}

  /** What comes next, from the state now; call after every sync and state change. */
  schedule(): void {
    this.clear();
    if (this.stopped) return;
    const state = this.watched.state();
    if (state === 'offline') {
      this.timer = setTimeout(() => {
        this.timer = null;
        void this.watched.sync();
      }, this.timing.probeMs);
    } else if (state === 'connected') {
      this.timer = setTimeout(() => {
        this.timer = null;
        void this.heartbeat();
      }, this.timing.heartbeatMs);
    }
  }

  stop(): void {
    this.stopped = true;
    this.clear();
  }

  private async heartbeat(): Promise<void> {
    // A sync under way says itself whether the server answers, and schedules what comes next.
    if (this.watched.state() !== 'connected' || this.watched.syncWaiting()) return;
    const asked = this.watched.alive();
    if (!asked) return;
    const alive = await asked;
    if (this.stopped) return;
    if (!alive && this.watched.state() === 'connected' && !this.watched.syncWaiting()) this.watched.lost();
    if (this.watched.state() !== 'other') this.schedule();
  }

  private clear(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}
