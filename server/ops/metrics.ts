import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';
import type { AppDatabase } from '../db/connection';
import type { Clock } from '../lib/clock';
import { onPruned } from './pruned-rows';
import { queueGauges } from './queue-gauges';

/**
 * The Prometheus metrics of one served backend, in a registry of its own (never prom-client's
 * global one: tests run many servers in one process, and each must count only its own).
 * Counters and histograms move as requests are answered; the queue gauges are read from
 * the database when Prometheus scrapes (see queue-gauges.ts). docs/operations.md lists them.
 */

export type Transport = 'trpc' | 'rest';

/** What the HTTP layer reports as it answers. */
export interface RequestMetrics {
  /** A call answered: `procedure` is a tRPC path or a REST operation ("POST /customers"). */
  answered(transport: Transport, procedure: string, seconds: number): void;
  /** A call failed with `code` (tRPC's error code, or the REST answer's HTTP status). */
  failed(transport: Transport, procedure: string, code: string): void;
}

export interface ServerMetrics extends RequestMetrics {
  registry: Registry;
  /** The exposition text, after reading the gauges that need the database. */
  render(): Promise<string>;
  /** Stops listening for pruned rows (the registry itself holds no timers). */
  close(): void;
}

/** Seconds: a cached read is milliseconds, a sync push of a large batch a few seconds. */
const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

export function createServerMetrics(options: {
  database: AppDatabase;
  clock: Clock;
  /** The procedure paths the router knows: any other path is counted as "unknown". */
  procedures: ReadonlySet<string>;
}): ServerMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const registers = [registry];
  const duration = new Histogram({
    name: 'tollgate_request_duration_seconds',
    help: 'Time to answer a call, by transport and procedure (tRPC path or REST operation)',
    labelNames: ['transport', 'procedure'] as const,
    buckets: LATENCY_BUCKETS,
    registers,
  });
  const errors = new Counter({
    name: 'tollgate_request_errors_total',
    help: 'Calls that failed, by transport, procedure and code (tRPC code, or REST HTTP status)',
    labelNames: ['transport', 'procedure', 'code'] as const,
    registers,
  });
  const pulls = new Counter({
    name: 'tollgate_sync_pulls_total',
    help: 'Sync pulls answered (desktops fetching changes)',
    registers,
  });
  const pushes = new Counter({
    name: 'tollgate_sync_pushes_total',
    help: 'Sync pushes answered (desktops sending their changes)',
    registers,
  });
  const pruned = new Counter({
    name: 'tollgate_housekeeping_pruned_rows_total',
    help: 'Rows the housekeeping jobs deleted, by table',
    labelNames: ['table'] as const,
    registers,
  });
  const refreshGauges = queueGauges(registry, options.database, options.clock);
  const stopPruned = onPruned(options.database.db, (table, rows) => pruned.inc({ table }, rows));
  // A path a client made up must not become a label (each label value is a new series).
  const known = (procedure: string) => (options.procedures.has(procedure) ? procedure : 'unknown');

  return {
    registry,
    answered(transport, procedure, seconds) {
      const name = transport === 'trpc' ? known(procedure) : procedure;
      duration.observe({ transport, procedure: name }, seconds);
      if (name === 'sync.pull') pulls.inc();
      if (name === 'sync.push') pushes.inc();
    },
    failed(transport, procedure, code) {
      errors.inc({ transport, procedure: transport === 'trpc' ? known(procedure) : procedure, code });
    },
    async render() {
      await refreshGauges();
      return registry.metrics();
    },
    close: stopPruned,
  };
}
