// @ts-check
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * electron-builder's beforeBuild hook. Its npmRebuild compiles better-sqlite3 for
 * Electron *in place*, in node_modules, where tests and web mode need the Node build.
 * So: save the Node build before the rebuild, and put it back when electron-builder
 * exits, whether packaging succeeded or failed, with @electron/rebuild's marker removed
 * (left behind, it would make the next dist skip the rebuild and ship the Node build).
 * An interrupted run is repaired by the next `npm run dist` or `npm rebuild better-sqlite3`.
 *
 * @param {{ appDir: string }} context
 * @returns {Promise<boolean>} true: let electron-builder go on with its rebuild
 */
export default async function keepNodeBuild({ appDir }) {
  const binary = join(appDir, 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node');
  const saved = join(appDir, '.cache', 'node-native', 'better_sqlite3.node');
  // @electron/rebuild's marker that the folder holds its build; it must go with that build.
  const rebuildMarker = join(dirname(binary), '.forge-meta');
  // Called once per platform and CPU; only the first call still sees the Node build.
  if (loadsInNode(appDir)) {
    mkdirSync(dirname(saved), { recursive: true });
    copyFileSync(binary, saved);
  }
  if (!existsSync(saved)) {
    process.stderr.write(
      'node_modules/better-sqlite3 is not built for Node and no saved Node build exists; after packaging, run `npm rebuild better-sqlite3`.\n',
    );
    return true;
  }
  if (!restoreRegistered) {
    restoreRegistered = true;
    process.once('exit', () => {
      copyFileSync(saved, binary);
      rmSync(rebuildMarker, { force: true });
      process.stderr.write("Restored Node's better-sqlite3 build in node_modules.\n");
    });
  }
  return true;
}

let restoreRegistered = false;

/** @param {string} appDir */
function loadsInNode(appDir) {
  const probe = "new (require('better-sqlite3'))(':memory:').close()";
  return spawnSync(process.execPath, ['-e', probe], { cwd: appDir, stdio: 'ignore' }).status === 0;
}
