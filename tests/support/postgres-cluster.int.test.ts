import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { startThrowawayCluster } from './postgres-cluster';
import { freePort, portInUse } from './ports';
import { waitFor } from './wait';

/** The throwaway cluster `npm test` runs the PostgreSQL suite on: it starts, answers, and leaves nothing behind. */

async function selectOne(url: string): Promise<unknown> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ one: number; collation: string }>(
      "select 1 as one, (select datcollate from pg_database where datname = 'postgres') as collation",
    );
    return rows[0];
  } finally {
    await client.end();
  }
}

describe('startThrowawayCluster', () => {
  it('starts a cluster that answers on its URL, and stop() removes it and frees its port', async () => {
    const cluster = await startThrowawayCluster();
    expect(cluster.url).toBe(`postgres://tollgate@127.0.0.1:${cluster.port}/postgres`);
    expect(existsSync(cluster.directory)).toBe(true);
    expect(await selectOne(cluster.url)).toEqual({ one: 1, collation: 'C.UTF-8' });
    await cluster.stop();
    expect(existsSync(cluster.directory)).toBe(false);
    expect(await portInUse(cluster.port)).toBe(false);
  });

  it('tries another port when another process took the one it picked', async () => {
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const takenPort = (taken.address() as AddressInfo).port;
    const picked: number[] = [];
    try {
      const cluster = await startThrowawayCluster({
        pickPort: async () => {
          const port = picked.length === 0 ? takenPort : await freePort();
          picked.push(port);
          return port;
        },
      });
      await cluster.stop();
      expect(picked).toHaveLength(2);
      expect(cluster.port).toBe(picked[1]);
    } finally {
      await new Promise((resolve) => taken.close(resolve));
    }
  });

  it('stops the cluster and removes it when the process that made it is killed', async () => {
    const script = `
      const { startThrowawayCluster } = await import(${JSON.stringify(new URL('./postgres-cluster.ts', import.meta.url).href)});
      const cluster = await startThrowawayCluster();
      console.log(JSON.stringify({ port: cluster.port, directory: cluster.directory }));
      setInterval(() => {}, 1000);
    `;
    const parent = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const made = await new Promise<{ port: number; directory: string }>((resolve, reject) => {
      let out = '';
      parent.once('exit', (code) =>
        reject(new Error(`the parent exited (${code}) before starting a cluster`)),
      );
      parent.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        const line = out.split('\n').find((l) => l.startsWith('{'));
        if (line) resolve(JSON.parse(line) as { port: number; directory: string });
      });
    });
    expect(await portInUse(made.port)).toBe(true);
    parent.kill('SIGKILL');
    await waitFor(
      `the orphaned cluster in ${made.directory} to be removed`,
      () => !existsSync(made.directory),
    );
    await waitFor(`port ${made.port} to be free`, async () => !(await portInUse(made.port)));
  });
});
