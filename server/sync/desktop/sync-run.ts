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
 * reach changed, or another user) clears the replica and starts from nothing. The next page
 * is asked for as soon as a page arrives, before it is applied: the server reads and sends it
 * while the replica writes (a page's cursor is the server's, known before applying).
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
  const limit = options.pageSize ?? PULL_PAGE;
  // The count of what waits serves progress only (a first sync): an ordinary pull skips it.
  const withTotal = options.onProgress !== undefined;
  let applied = 0;
  let total: number | null = null;
  let next = ask(link, { cursor: replica.cursor, limit, withTotal });
  for (;;) {
    const page = await next;
    const known = replica.readState('scope');
    if (known !== null && known !== page.scope) {
      replica.clear();
      total = null;
      next = ask(link, { cursor: 0, limit, withTotal });
      continue;
    }
    total ??= page.total ?? 0;
    if (page.more) next = ask(link, { cursor: page.cursor, limit, withTotal: false });
    replica.applyPage(page, options.now(), options.caughtUp);
    applied += page.changes.length;
    options.onProgress?.({ done: applied, total: Math.max(total, applied) });
    if (!page.more) return applied;
  }
}

/** A pull asked for ahead: its failure surfaces where it is awaited, never as an unhandled rejection. */
function ask(link: ServerLink, input: { cursor: number; limit: number; withTotal: boolean }) {
  const page = link.pull(input);
  page.catch(() => undefined);
  return page;
}
