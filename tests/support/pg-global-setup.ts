import type { TestProject } from 'vitest/node';
import { openPostgres } from '../../server/db/connection';
import {
  closeAdmin,
  createDatabase,
  databaseUrl,
  dropDatabase,
  dropDatabasesOf,
  sealTemplate,
  uniqueDatabaseName,
} from './postgres-admin';
import { startThrowawayCluster, type ThrowawayCluster } from './postgres-cluster';

/**
 * The integration-pg project's global setup, run once per vitest run in its main process:
 * makes ONE migrated template database, which each test database is copied from
 * (CREATE DATABASE … TEMPLATE is a file copy, far cheaper than running every migration per
 * test), hands its name to the workers, and drops it at teardown.
 *
 * The server is TOLLGATE_TEST_POSTGRES_URL (`npm test` sets it to its throwaway cluster, a
 * developer may point it at their own); without it, this starts a throwaway cluster of its
 * own for the run, so `npx vitest run --project integration-pg <file>` works by itself.
 */

export interface TestPostgres {
  /** The admin URL (a superuser, database `postgres`). */
  url: string;
  /** The migrated template every test database is copied from. */
  template: string;
  /** What this run's test databases are named with, so teardown drops any a test left behind. */
  prefix: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    tollgatePostgres: TestPostgres;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  let cluster: ThrowawayCluster | null = null;
  let url = process.env.TOLLGATE_TEST_POSTGRES_URL;
  if (!url) {
    cluster = await startThrowawayCluster();
    url = cluster.url;
  }
  const run = uniqueDatabaseName('run');
  const template = `tollgate_template_${run}`;
  const prefix = `tollgate_test_${run}`;
  try {
    await createDatabase(url, template);
    const migrated = await openPostgres({ url: databaseUrl(url, template), poolSize: 1 });
    await migrated.close();
    await sealTemplate(url, template);
  } catch (error) {
    await dropDatabase(url, template).catch(() => undefined);
    await closeAdmin();
    await cluster?.stop();
    throw error;
  }
  project.provide('tollgatePostgres', { url, template, prefix });
  const adminUrl = url;
  return async () => {
    try {
      // A throwaway cluster goes whole; on a developer's server, leave nothing of this run.
      if (!cluster) {
        await dropDatabasesOf(adminUrl, prefix);
        await dropDatabase(adminUrl, template);
      }
    } finally {
      await closeAdmin();
      await cluster?.stop();
    }
  };
}
