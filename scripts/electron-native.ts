import { copyFileSync, cpSync, mkdirSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, relative } from 'node:path';
import { runQuiet } from './processes';

/**
 * better-sqlite3 built for Electron's ABI lives in .cache, never in node_modules: there
 * the Node build stays, which tests and web mode load. Electron is handed the cached
 * build through TOLLGATE_NATIVE_BINDING, so neither build ever replaces the other.
 */

/** Where the build for this Electron, better-sqlite3 version, platform and CPU is cached. */
export function nativeBindingPath(options: {
  root: string;
  electronVersion: string;
  sqliteVersion: string;
  platform: string;
  arch: string;
}): string {
  const variant = `better-sqlite3-${options.sqliteVersion}-${options.platform}-${options.arch}`;
  return join(
    options.root,
    '.cache',
    'electron-native',
    options.electronVersion,
    variant,
    'better_sqlite3.node',
  );
}

export function nodeGypArgs(options: {
  electronVersion: string;
  arch: string;
  headersDir: string;
}): string[] {
  return [
    'rebuild',
    '--release',
    '--jobs=max',
    `--target=${options.electronVersion}`,
    `--arch=${options.arch}`,
    '--dist-url=https://electronjs.org/headers',
    `--devdir=${options.headersDir}`,
  ];
}

/** node-gyp options that would steer the build to other headers; npm config in the environment overrides flags. */
const STEERING_OPTIONS = new Set([
  'nodedir',
  'target',
  'arch',
  'target-arch',
  'dist-url',
  'disturl',
  'devdir',
  'runtime',
  'jobs',
  'release',
  'debug',
]);

/** The environment for node-gyp without npm config that would build for Node instead (e.g. nodedir in .npmrc). */
export function electronBuildEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return Object.fromEntries(
    Object.entries(env).filter(([key]) => {
      const match = /^(?:npm_config_|npm_package_config_node_gyp_)(.+)$/i.exec(key);
      return !match?.[1] || !STEERING_OPTIONS.has(match[1].replaceAll('_', '-').toLowerCase());
    }),
  );
}

/**
 * Compiles better-sqlite3 for Electron in a scratch copy of its sources (node_modules is
 * not touched) and caches the result at `target`. Compiler output goes to `logFile`.
 */
export async function buildElectronNativeBinding(options: {
  root: string;
  electronVersion: string;
  arch: string;
  target: string;
  logFile: string;
}): Promise<void> {
  const source = join(options.root, 'node_modules', 'better-sqlite3');
  const work = mkdtempSync(join(tmpdir(), 'tollgate-better-sqlite3-'));
  try {
    cpSync(source, work, {
      recursive: true,
      // The Node build and install-time leftovers stay behind; only sources are needed.
      filter: (path) => !['build', 'node_modules'].includes(relative(source, path).split(/[\\/]/)[0] ?? ''),
    });
    const nodeGyp = join(options.root, 'node_modules', 'node-gyp', 'bin', 'node-gyp.js');
    const headersDir = join(options.root, '.cache', 'electron-native', 'headers');
    mkdirSync(dirname(options.logFile), { recursive: true });
    const { code } = await runQuiet(process.execPath, [nodeGyp, ...nodeGypArgs({ ...options, headersDir })], {
      cwd: work,
      env: electronBuildEnv(process.env),
      logFile: options.logFile,
    });
    if (code !== 0) {
      throw new Error(
        `Building better-sqlite3 for Electron failed; the compiler's output is in ${options.logFile}`,
      );
    }
    mkdirSync(dirname(options.target), { recursive: true });
    // Copy then rename, so an interrupted run never leaves a half-written binary in the cache.
    const partial = join(dirname(options.target), `.${basename(options.target)}.partial`);
    copyFileSync(join(work, 'build', 'Release', 'better_sqlite3.node'), partial);
    renameSync(partial, options.target);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
