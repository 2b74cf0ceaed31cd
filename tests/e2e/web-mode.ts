import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { spawnServer } from '../support/spawn-server';

export interface WebMode {
  url: string;
  dataDir: string;
  stop(): Promise<void>;
}

const ROOT = resolve(import.meta.dirname, '../..');

/** Chromium flags for a closed network: anything that phones home only produces errors here. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export const chromiumPath = () => process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * Starts the console in web mode exactly as `npm run web` does (minus the build), on a
 * fresh data directory, so every run begins from the same demo workspace.
 */
export async function startWebMode(): Promise<WebMode> {
  if (!existsSync(join(ROOT, 'out/renderer/index.html'))) {
    throw new Error(
      'out/renderer is missing: build the console first (`npm run build`), then run e2e again.',
    );
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'tollgate-e2e-'));
  try {
    const server = await spawnServer({
      entry: join(ROOT, 'server/embedded/web.ts'),
      env: { TOLLGATE_DATA_DIR: dataDir },
      announce: 'Tollgate console (web mode):',
    });
    return {
      url: server.url,
      dataDir,
      stop: async () => {
        await server.stop();
        rmSync(dataDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
}
