import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildElectronNativeBinding, nativeBindingPath } from './electron-native';
import { runInherited, runQuiet } from './processes';
import { electronExecutable, nextStartStep } from './start-plan';

/**
 * `npm start`: the desktop app when Electron can run here, else the same console in web
 * mode. See start-plan.ts for the decision and electron-native.ts for why Electron gets
 * its own better-sqlite3 build.
 */

const root = fileURLToPath(new URL('..', import.meta.url));
const electronDir = join(root, 'node_modules', 'electron');
/** Long enough for Electron's ~100 MB download on a slow line; offline it fails at once. */
const DOWNLOAD_TIMEOUT_MS = 120_000;

const say = (line: string) => process.stdout.write(`${line}\n`);

function readText(path: string): string | null {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return null;
  }
}

function installedVersion(name: string): string {
  const text = readText(join(root, 'node_modules', name, 'package.json'));
  if (!text) throw new Error(`${name} is not installed; run npm install first`);
  return (JSON.parse(text) as { version: string }).version;
}

async function downloadElectron(version: string): Promise<void> {
  // Say something only if it takes a while: offline it fails in a moment and the
  // fallback notice is the one line worth printing.
  const slow = setTimeout(() => say(`Downloading Electron ${version} (first run only)…`), 3000);
  try {
    await runQuiet(process.execPath, [join(electronDir, 'install.js')], {
      cwd: electronDir,
      timeoutMs: DOWNLOAD_TIMEOUT_MS,
    });
  } finally {
    clearTimeout(slow);
  }
}

const buildConsole = () =>
  runInherited(
    process.execPath,
    [join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build'],
    {
      cwd: root,
    },
  );

async function main(): Promise<number> {
  const electronVersion = installedVersion('electron');
  const arch = process.env.npm_config_arch || process.arch;
  const binding = nativeBindingPath({
    root,
    electronVersion,
    sqliteVersion: installedVersion('better-sqlite3'),
    platform: process.platform,
    arch,
  });
  let downloadTried = false;
  for (;;) {
    const step = nextStartStep({
      electronExecutable: electronExecutable(
        electronDir,
        readText,
        existsSync,
        process.env.ELECTRON_OVERRIDE_DIST_PATH,
      ),
      downloadTried,
      nativeBindingBuilt: existsSync(binding),
    });
    switch (step.kind) {
      case 'download-electron':
        await downloadElectron(electronVersion);
        downloadTried = true;
        break;
      case 'web': {
        say(step.notice);
        const built = await buildConsole();
        if (built !== 0) return built;
        return runInherited(
          process.execPath,
          ['--import', 'tsx', join(root, 'server', 'embedded', 'web.ts')],
          {
            cwd: root,
          },
        );
      }
      case 'electron': {
        if (step.buildNativeBinding) {
          say(
            `Building better-sqlite3 for Electron ${electronVersion} into .cache (once, about 2 minutes; node_modules keeps the Node build)…`,
          );
          const logFile = join(root, '.cache', 'electron-native', electronVersion, 'build.log');
          await buildElectronNativeBinding({ root, electronVersion, arch, target: binding, logFile });
        }
        const built = await buildConsole();
        if (built !== 0) return built;
        const env: NodeJS.ProcessEnv = { ...process.env, TOLLGATE_NATIVE_BINDING: binding };
        // Would make the Electron binary behave as plain Node.
        delete env.ELECTRON_RUN_AS_NODE;
        return runInherited(step.executable, ['.'], { cwd: root, env });
      }
    }
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`npm start: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
