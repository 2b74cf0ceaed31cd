import { BrowserWindow, shell } from 'electron';
import type { Logger } from '../../server/lib/logger';
import type { AppLocation } from './app-location';
import { hardenWebContents } from './hardening';

/**
 * The console's window: an isolated, sandboxed page with no Node access; the preload's
 * bridge is its only way to the main process. Shown once painted, so it never flashes blank.
 */
export function createMainWindow(options: {
  location: AppLocation;
  preloadPath: string;
  isPackaged: boolean;
  logger: Logger;
}): BrowserWindow {
  const consoleWindow = new BrowserWindow({
    title: 'Tollgate',
    width: 1280,
    height: 820,
    minWidth: 960,
    minHeight: 600,
    show: false,
    webPreferences: {
      preload: options.preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      devTools: !options.isPackaged,
    },
  });
  hardenWebContents(consoleWindow.webContents, options.location, (url) => {
    shell
      .openExternal(url)
      .catch((error: unknown) => options.logger.warn({ err: error }, 'could not open a link'));
  });
  consoleWindow.once('ready-to-show', () => consoleWindow.show());
  consoleWindow.loadURL(options.location.url).catch((error: unknown) => {
    options.logger.error({ err: error, url: options.location.url }, 'the console failed to load');
  });
  return consoleWindow;
}
