import { join } from 'node:path';

/** The one line `npm start` prints when it falls back to web mode. */
export const WEB_MODE_NOTICE =
  'Electron is not available on this machine (its binary could not be downloaded); serving the console in web mode instead.';

/** What `npm start` knows at a given moment. */
export interface StartFacts {
  /** The Electron executable, when node_modules/electron has one. */
  electronExecutable: string | null;
  /** Whether this run already tried to download Electron (npm's allowScripts skips it at install). */
  downloadTried: boolean;
  /** Whether better-sqlite3 built for this Electron is in the cache. */
  nativeBindingBuilt: boolean;
}

export type StartStep =
  | { kind: 'download-electron' }
  | { kind: 'web'; notice: string }
  | { kind: 'electron'; executable: string; buildNativeBinding: boolean };

/**
 * The next thing `npm start` does. Electron runs with the better-sqlite3 build made for
 * its ABI, passed explicitly; node_modules keeps the Node build tests use. Without
 * Electron, the same console is served to a browser.
 */
export function nextStartStep(facts: StartFacts): StartStep {
  if (facts.electronExecutable) {
    return {
      kind: 'electron',
      executable: facts.electronExecutable,
      buildNativeBinding: !facts.nativeBindingBuilt,
    };
  }
  return facts.downloadTried ? { kind: 'web', notice: WEB_MODE_NOTICE } : { kind: 'download-electron' };
}

/**
 * The executable electron's own install script recorded in path.txt, if it is really
 * there (path.txt outlives a deleted dist/). Mirrors node_modules/electron/index.js.
 */
export function electronExecutable(
  electronDir: string,
  read: (path: string) => string | null,
  exists: (path: string) => boolean,
  overrideDistPath?: string,
): string | null {
  const relative = read(join(electronDir, 'path.txt'))?.trim();
  if (!relative) return null;
  const executable = join(overrideDistPath || join(electronDir, 'dist'), relative);
  return exists(executable) ? executable : null;
}
