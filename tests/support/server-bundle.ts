import { build, type Plugin } from 'esbuild';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * A server entry the tests start (tests/support/spawn-server.ts), compiled into one ES module
 * the way tsx compiles it file by file (esbuild, the project's tsconfig), so each start loads
 * one file instead of transforming and resolving some 470 modules through tsx's loader hooks:
 * about 3.5 s of CPU less per start on the loaded 2-core machine (5.2 s against 1.7 s to load
 * the hosted backend), and the suites start a server some 40 times.
 *
 * The packages stay imports (node_modules, as `npm run server` loads them), so the file is
 * written inside the repository, in .cache/test-servers, named by its content: a test run, or
 * two workers of one, write the same file for the same code. Each file keeps its own
 * import.meta.url, so paths it finds relative to itself (the console's build, a package it
 * resolves) are where they are for tsx.
 */

const ROOT = resolve(import.meta.dirname, '../..');
const OUT_DIR = join(ROOT, '.cache', 'test-servers');

/** import.meta's file-relative fields, replaced in each file by its own values (one output file has one). */
const ownImportMeta: Plugin = {
  name: 'own-import-meta',
  setup(plugin) {
    plugin.onLoad({ filter: /\.tsx?$/ }, ({ path }) => {
      if (path.includes('/node_modules/')) return undefined;
      const contents = readFileSync(path, 'utf8')
        .replaceAll('import.meta.url', JSON.stringify(pathToFileURL(path).href))
        .replaceAll('import.meta.dirname', JSON.stringify(dirname(path)))
        .replaceAll('import.meta.filename', JSON.stringify(path));
      return { contents, loader: path.endsWith('.tsx') ? 'tsx' : 'ts', resolveDir: dirname(path) };
    });
  },
};

async function compile(entry: string): Promise<string> {
  const result = await build({
    entryPoints: [resolve(ROOT, entry)],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: `node${process.versions.node}`,
    packages: 'external',
    tsconfig: join(ROOT, 'tsconfig.node.json'),
    plugins: [ownImportMeta],
    write: false,
    logLevel: 'silent',
  });
  const text = result.outputFiles[0]?.text;
  if (text === undefined) throw new Error(`esbuild wrote nothing for ${entry}`);
  const hash = createHash('sha256').update(text).digest('hex').slice(0, 16);
  const file = join(OUT_DIR, `${basename(entry).replace(/\.tsx?$/, '')}-${hash}.mjs`);
  if (!existsSync(file)) {
    mkdirSync(OUT_DIR, { recursive: true });
    // Written whole, then renamed: another process starting it never reads half a file.
    const partial = `${file}.${process.pid}.partial`;
    writeFileSync(partial, text);
    renameSync(partial, file);
  }
  return file;
}

const compiled = new Map<string, Promise<string>>();

/** The compiled file for `entry` (a path from the repository root, or absolute), compiled once per process. */
export function serverBundle(entry: string): Promise<string> {
  const key = resolve(ROOT, entry);
  let file = compiled.get(key);
  if (!file) {
    file = compile(key);
    // A failed compile is not kept: the next start tries again and reports its own error.
    file.catch(() => compiled.delete(key));
    compiled.set(key, file);
  }
  return file;
}
