import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { spawnServer, type SpawnedServer } from './spawn-server';
import { waitFor } from './wait';

/** spawnServer waits for the server's own signals, says why when they never come, and leaves no orphan. */

const dir = mkdtempSync(join(tmpdir(), 'tollgate-spawn-'));
const ENTRY = 'tests/support/slow-server.ts';
const started: SpawnedServer[] = [];
afterAll(async () => {
  await Promise.all(started.map((s) => s.stop()));
  rmSync(dir, { recursive: true, force: true });
});

const asks = (file: string) => {
  try {
    return readFileSync(file, 'utf8').split('\n').filter(Boolean);
  } catch {
    return [];
  }
};

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('spawnServer', () => {
  it('resolves only once /healthz answers 200, however long after the URL that is', async () => {
    const readyFile = join(dir, 'ready');
    const askedFile = join(dir, 'asked');
    let settled = false;
    const starting = spawnServer({
      entry: ENTRY,
      env: { SLOW_SERVER_READY_FILE: readyFile, SLOW_SERVER_ASKED_FILE: askedFile },
      announce: 'Slow server:',
    }).finally(() => (settled = true));
    // The server printed its URL and was asked, and said "not ready", three times over.
    await waitFor('three asks answered "not ready"', () => asks(askedFile).length >= 3);
    expect(settled).toBe(false);
    writeFileSync(readyFile, '');
    const server = await starting;
    started.push(server);
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(asks(askedFile).at(-1)).toBe('ready');
    expect(asks(askedFile).filter((a) => a === 'not ready').length).toBeGreaterThanOrEqual(3);
  });

  it('fails with the server’s stderr when it exits before being ready', async () => {
    const failure = spawnServer({
      entry: ENTRY,
      env: { SLOW_SERVER_FAIL: 'slow-server: the configuration names no database' },
      announce: 'Slow server:',
    });
    await expect(failure).rejects.toThrow(/tests\/support\/slow-server\.ts did not become ready: exited/);
    await expect(failure).rejects.toThrow(/stderr:\nslow-server: the configuration names no database/);
  });

  it('gives up when the budget passes, naming what it waited for', async () => {
    const error = await spawnServer({
      entry: ENTRY,
      env: { SLOW_SERVER_SILENT: '1', SLOW_SERVER_ASKED_FILE: join(dir, 'asked-silent') },
      announce: 'Slow server:',
      // Failing is what this test is about, so the budget is small on purpose.
      budgetMs: 3000,
    }).then(
      () => null,
      (e: unknown) => e as Error,
    );
    expect(error?.message).toBe(
      'tests/support/slow-server.ts did not become ready: waited 3 s for its URL, in vain. stderr:\n(nothing)',
    );
  });

  it('leaves no server behind when the process that started it is killed', async () => {
    // A parent that starts a server, prints the server's pid, and waits to be killed.
    const parent = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        '-e',
        `import('./tests/support/spawn-server.ts').then(async ({ spawnServer }) => {
          const s = await spawnServer({ entry: '${ENTRY}', env: { SLOW_SERVER_READY_FILE: '${join(dir, 'ready')}', SLOW_SERVER_ASKED_FILE: '${join(dir, 'asked-orphan')}' }, announce: 'Slow server:' });
          process.stdout.write('server pid ' + s.process.pid + '\\n');
          setInterval(() => {}, 1000);
        });`,
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    const pid = await new Promise<number>((resolve) => {
      let out = '';
      parent.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        const found = /server pid (\d+)/.exec(out)?.[1];
        if (found) resolve(Number(found));
      });
    });
    expect(alive(pid)).toBe(true);
    parent.kill('SIGKILL');
    await waitFor(`server ${pid} to end after its parent was killed`, () => !alive(pid));
  });
});
