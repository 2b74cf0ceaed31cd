import type { Outbox } from './outbox';
import type { Replica } from './replica';
import type { ServerLink } from './server-link';

export const PUSH_BATCH = 100;
export const PULL_PAGE = 2000;

/** How far a pull has come: rows applied of those the server said were waiting. */
export interface SyncProgress {
  done: number;
  total: number;
}

/**
 * Sends every pending command, oldest first, recording the server's answer to each; a batch
 * ends before a command on a record made offline until its create is answered (decision 106);
 * `answered` runs after each batch that settled any (to rebase: a refusal leaves the screen at once).
 */
export async function pushOutbox(
  link: ServerLink,
  outbox: Outbox,
  now: () => number,
  answered?: () => void,
): Promise<number> {
  let sent = 0;
  for (;;) {
    const batch = outbox.pending(PUSH_BATCH, now());
    if (batch.length === 0) return sent;
    let outcomes;
    try {
      outcomes = await link.push(batch);
    } finally {
      outbox.landed();
    }
    if (outbox.settle(outcomes, now()) > 0) answered?.();
    sent += batch.length;
  }
}

/**
 * Pulls every page since the replica's cursor, each applied with its cursor in one
 * transaction, so an interrupted pull resumes where it stopped. A new scope (the user's
 * reach changed, or another user) clears the replica and starts from nothing.
 */
export async function pullAll(
  link: ServerLink,
  replica: Replica,
  options: {
    now: () => number;
    pageSize?: number;
    onProgress?: (progress: SyncProgress) => void;
    /** Runs in the last page's transaction (to rebase on the server's complete state). */
    caughtUp?: () => void;
  },
): Promise<number> {
  let cursor = replica.cursor;
  let applied = 0;
  let total: number | null = null;
  for (;;) {
    const page = await link.pull({ cursor, limit: options.pageSize ?? PULL_PAGE, withTotal: total === null });
    const known = replica.readState('scope');
    if (known !== null && known !== page.scope) {
      replica.clear();
      cursor = 0;
      total = null;
      continue;
    }
    total ??= page.total ?? 0;
    replica.applyPage(page, options.now(), options.caughtUp);
    applied += page.changes.length;
    cursor = page.cursor;
    options.onProgress?.({ done: applied, total: Math.max(total, applied) });
    if (!page.more) return applied;
  }
}
