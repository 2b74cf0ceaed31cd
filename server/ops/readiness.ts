import type { IncomingMessage, ServerResponse } from 'node:http';
import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema';
import { MIGRATIONS } from '../db/migrations';

/**
 * Whether this instance should be sent traffic (/readyz), as a load balancer or Kubernetes
 * asks it: not while it is starting (the database is being opened and migrated), not while it
 * drains after SIGTERM, and not when its database does not answer or is behind its build.
 * /healthz says only that the process is alive; a restart is no cure for any of these.
 */

/** A reason the instance is not ready, or null when it is. */
export type ReadinessProbe = () => Promise<string | null>;

/** The database must answer within this long for the instance to count as ready. */
export const PROBE_TIMEOUT_MS = 2000;

export class Readiness {
  private state: 'starting' | 'serving' | 'draining' = 'starting';
  private probe: ReadinessProbe = () => Promise.resolve(null);

  /** The backend is open (its database migrated): from now on each ask probes the database. */
  serving(probe: ReadinessProbe): void {
    if (this.state === 'starting') this.state = 'serving';
    this.probe = probe;
  }

  /** Shutting down: not ready again, whatever the database says. */
  drain(): void {
    this.state = 'draining';
  }

  get draining(): boolean {
    return this.state === 'draining';
  }

  /** Why the instance should not be sent traffic now, or null when it should. */
  async reason(): Promise<string | null> {
    if (this.state === 'starting') return 'starting: opening and migrating the database';
    if (this.state === 'draining') return 'shutting down: finishing the requests in hand';
    return this.probe();
  }
}

/**
 * One cheap query: the database answers (within PROBE_TIMEOUT_MS) and its schema is at this
 * build's newest migration. Behind means another instance is migrating it, or it was
 * restored from an older backup; ahead means this build is older than the schema.
 */
export function databaseProbe(db: Kysely<DB>, newest = MIGRATIONS.length): ReadinessProbe {
  return async () => {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), PROBE_TIMEOUT_MS);
    });
    try {
      const answer = await Promise.race([
        sql<{
          version: number | string | null;
        }>`SELECT max(version) AS version FROM schema_migrations`.execute(db),
        timeout,
      ]);
      if (answer === 'timeout') return `the database did not answer within ${PROBE_TIMEOUT_MS} ms`;
      const version = Number(answer.rows[0]?.version ?? 0);
      if (version < newest)
        return `migrations pending: the schema is at ${version}, this build needs ${newest}`;
      if (version > newest) return `the schema (${version}) is newer than this build (${newest})`;
      return null;
    } catch {
      // The error may name the host or user; the reason is public, the logs have the rest.
      return 'the database is unreachable';
    } finally {
      clearTimeout(timer);
    }
  };
}

/** GET /readyz: 200 {status: 'ready'}, or 503 {status: 'unavailable', reason}. */
export function readinessRoute(readiness: Readiness) {
  return async (_req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const reason = await readiness.reason();
    res
      .writeHead(reason === null ? 200 : 503, {
        'content-type': 'application/json; charset=utf-8',
        'cache-control': 'no-store',
      })
      .end(JSON.stringify(reason === null ? { status: 'ready' } : { status: 'unavailable', reason }));
  };
}
