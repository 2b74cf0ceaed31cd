import type Database from 'better-sqlite3';
import type { CommandDescription, LocalCommand, LocalEffects } from './optimistic/types';
import type { Outbox } from './outbox';
import type { Overlay } from './overlay';

/** How a command without an effect is named when no better describer is given: "Customers · update". */
export function describeByPath(path: string): CommandDescription {
  const [area = path, ...rest] = path.split('.');
  const spaced = (word: string) => word.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  const head = spaced(area);
  return {
    label: `${head.charAt(0).toUpperCase()}${head.slice(1)} · ${spaced(rest.join(' '))}`,
    record: null,
  };
}

export interface OptimisticOptions {
  sqlite: Database.Database;
  overlay: Overlay;
  outbox: Outbox;
  effects: LocalEffects;
  /** The signed-in user, who makes every command on this replica. */
  userId: string;
  /** A command's input as its procedure's schema parses it (what an effect is given). */
  parse: (path: string, input: unknown) => unknown;
  /** Names a command; defaults to its effect's describe, else its path. */
  describe?: (sqlite: Database.Database, path: string, command: LocalCommand) => CommandDescription;
  /** Called whenever what the replica shows changed. */
  changed: () => void;
}

/**
 * Commands applied at once on a connected desktop's replica (decision 103): queued with their
 * effect in one transaction, and re-applied on top of the server's newest rows (a rebase)
 * whenever the server answers or a pull catches up, until their own rows have arrived.
 */
export class OptimisticCommands {
  constructor(private readonly options: OptimisticOptions) {}

  /**
   * Queues a command and applies its effect, all or nothing: an effect that refuses (a refund
   * beyond what is left) queues nothing. Returns the outbox id.
   */
  queue(
    command: { tenantId: string; path: string; input: unknown; parsed: unknown; commandKey: string | null },
    now: number,
  ): number {
    const { sqlite, outbox, overlay } = this.options;
    const id = sqlite.transaction(() => {
      const outboxId = outbox.add(command, now);
      const local: LocalCommand = {
        outboxId,
        tenantId: command.tenantId,
        userId: this.options.userId,
        madeAt: now,
        input: command.parsed,
      };
      const effect = this.options.effects[command.path];
      const description = this.describe(command.path, local);
      const provisional = effect ? effect.apply(overlay.writerFor(outboxId), local) : undefined;
      outbox.describe(outboxId, description, provisional);
      return outboxId;
    })();
    this.options.changed();
    return id;
  }

  /** Rebases now, in a transaction of its own (after a push's answers, a cancel). */
  rebase(): void {
    this.options.sqlite.transaction(() => this.rebaseInPlace())();
    this.options.changed();
  }

  /**
   * For the last page of a pull, inside its transaction: every command the server did before
   * this pull has its rows now, so only pending ones are re-applied.
   */
  caughtUp(): void {
    this.options.outbox.pulled();
    // A pull with nothing pending is the common case: nothing to re-read on screen then.
    if (this.rebaseInPlace()) this.options.changed();
  }

  /**
   * Puts back the server's rows, then re-applies, oldest first, each command still pending or
   * done but not yet pulled. One whose effect now refuses (the server's rows moved under it)
   * is left off the replica: it stays queued, and the server decides.
   */
  private rebaseInPlace(): boolean {
    const { sqlite, overlay, outbox, effects } = this.options;
    const layered = !overlay.isEmpty();
    overlay.restoreAll();
    const replayed = outbox.replayed();
    for (const command of replayed) {
      const effect = effects[command.path];
      if (!effect) continue;
      const local: LocalCommand = {
        outboxId: command.id,
        tenantId: command.tenantId,
        userId: this.options.userId,
        madeAt: command.createdAt,
        input: this.parsedOrNull(command.path, command.input),
      };
      try {
        // A nested transaction is a savepoint: a refusing effect leaves no half of itself.
        sqlite.transaction(() => effect.apply(overlay.writerFor(command.id), local))();
      } catch {
        continue;
      }
    }
    return layered || replayed.length > 0;
  }

  private parsedOrNull(path: string, input: unknown): unknown {
    try {
      return this.options.parse(path, input);
    } catch {
      return input;
    }
  }

  /** Naming never fails a command: a describer that throws leaves the path's name. */
  private describe(path: string, command: LocalCommand): CommandDescription {
    try {
      if (this.options.describe) return this.options.describe(this.options.sqlite, path, command);
      const effect = this.options.effects[path];
      if (effect) return effect.describe(this.options.sqlite, command);
    } catch {
      // Named from the path below.
    }
    return describeByPath(path);
  }
}
