import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * Where the desktop keeps its data when TOLLGATE_DATA_DIR is not set: the same folder
 * Electron's app.getPath('userData') gives an app named Tollgate, so web mode and the
 * desktop app open the same local database.
 */
export function defaultDataDir(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
  home = homedir(),
): string {
  if (env.TOLLGATE_DATA_DIR) return env.TOLLGATE_DATA_DIR;
  switch (platform) {
    case 'darwin':
      return join(home, 'Library', 'Application Support', 'Tollgate');
    case 'win32':
      return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), 'Tollgate');
    default:
      return join(env.XDG_CONFIG_HOME ?? join(home, '.config'), 'Tollgate');
  }
}
