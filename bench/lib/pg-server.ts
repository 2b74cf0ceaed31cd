import {
  closeAdmin,
  createDatabase,
  databaseUrl,
  dropDatabase,
  uniqueDatabaseName,
} from '../../tests/support/postgres-admin';
import { startThrowawayCluster, type ThrowawayCluster } from '../../tests/support/postgres-cluster';

/** The PostgreSQL server a benchmark runs on, and how it was found (printed beside the figures). */
export interface BenchPostgres {
  /** Where it is: TOLLGATE_BENCH_POSTGRES_URL's server, or a throwaway cluster's. */
  origin: string;
  /** A new empty database of the bench's own on that server (the app migrates it when it opens it). */
  database(label: string): Promise<{ url: string; drop(): Promise<void> }>;
  /** Drops what it made and stops the throwaway cluster, if it started one. */
  stop(): Promise<void>;
}

/**
 * TOLLGATE_BENCH_POSTGRES_URL (a superuser's URL: benches create and drop their databases), else
 * a throwaway cluster of the tests' kind: fsync and synchronous_commit off, PostgreSQL's default
 * memory settings (shared_buffers 128 MB) — say so beside any figure.
 */
export async function benchPostgres(): Promise<BenchPostgres> {
  const given = process.env.TOLLGATE_BENCH_POSTGRES_URL;
  const cluster: ThrowawayCluster | null = given ? null : await startThrowawayCluster();
  const adminUrl = given ?? cluster?.url ?? '';
  const made: string[] = [];
  return {
    origin: cluster
      ? `a throwaway PostgreSQL cluster (fsync off, default memory settings) on port ${cluster.port}`
      : `TOLLGATE_BENCH_POSTGRES_URL (${new URL(adminUrl).host})`,
    async database(label) {
      const name = uniqueDatabaseName(`bench_${label}`);
      await createDatabase(adminUrl, name);
      made.push(name);
      return { url: databaseUrl(adminUrl, name), drop: () => dropDatabase(adminUrl, name) };
    },
    async stop() {
      for (const name of made) await dropDatabase(adminUrl, name).catch(() => undefined);
      await closeAdmin();
      await cluster?.stop();
    },
  };
}

/** PostgreSQL's figure over SQLite's, as printed beside both. */
export function ratio(postgres: number, sqlite: number): string {
  return `${(postgres / sqlite).toFixed(2)}×`;
}
