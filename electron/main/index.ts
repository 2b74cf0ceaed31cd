import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, dialog, ipcMain, Menu, safeStorage, session } from 'electron';
import { createEmbeddedBackend } from '../../server/embedded/backend';
import { finishedExportFile } from '../../server/modules/reports';
import { defaultDataDir } from '../../server/embedded/data-dir';
import { appLocation } from './app-location';
import { hardenSession } from './hardening';
import { registerTrpcIpc } from './ipc-bridge';
import { registerSaveExportIpc } from './save-dialog';
import { SafeStorageSecretStore } from './secret-store';
import { closeBeforeQuit } from './lifecycle';
import { menuTemplate } from './menu';
import { createMainWindow } from './window';

// This file is out/main/index.js once built; the preload and the console sit beside it.
const outDir = fileURLToPath(new URL('..', import.meta.url));
const location = appLocation({
  rendererDir: join(outDir, 'renderer'),
  // Set by `electron-vite dev`; a packaged app never loads the console from a URL it is handed.
  devServerUrl: app.isPackaged ? undefined : process.env.ELECTRON_RENDERER_URL,
});

let mainWindow: BrowserWindow | null = null;

async function start(): Promise<void> {
  hardenSession(session.defaultSession, location);
  Menu.setApplicationMenu(
    Menu.buildFromTemplate(menuTemplate({ isPackaged: app.isPackaged, platform: process.platform })),
  );
  const backend = await createEmbeddedBackend({
    dataDir: app.getPath('userData'),
    // `npm start` passes a better-sqlite3 built for Electron; packaged apps ship their own.
    nativeBinding: app.isPackaged ? undefined : process.env.TOLLGATE_NATIVE_BINDING || undefined,
    // A server sign-in (refresh token) is kept encrypted by the OS keychain.
    sync: { secrets: new SafeStorageSecretStore(safeStorage, join(app.getPath('userData'), 'secrets')) },
  });
  const logger = backend.services.logger;
  registerTrpcIpc(ipcMain, backend, location.isAppUrl);
  const exportsRunner = backend.services.exports;
  registerSaveExportIpc(ipcMain, {
    findFile: (id) => (exportsRunner ? finishedExportFile(exportsRunner, id) : Promise.resolve(null)),
    dialog: {
      showSaveDialog: (options) =>
        mainWindow ? dialog.showSaveDialog(mainWindow, options) : dialog.showSaveDialog(options),
    },
    downloadsDir: app.getPath('downloads'),
    isAppUrl: location.isAppUrl,
  });
  closeBeforeQuit(
    app,
    () => backend.close(),
    (error) => logger.error({ err: error }, 'closing the database failed'),
  );

  const openWindow = () => {
    mainWindow = createMainWindow({
      location,
      preloadPath: join(outDir, 'preload', 'index.cjs'),
      isPackaged: app.isPackaged,
      logger,
    });
    mainWindow.on('closed', () => {
      mainWindow = null;
    });
  };
  openWindow();
  // macOS keeps the app running with no windows; clicking the dock icon brings one back.
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) openWindow();
  });
}

// One folder for the database whether the console runs here or in web mode (and the
// single-instance lock lives in it, so it must be set before asking for the lock).
app.setPath('userData', defaultDataDir());

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app
    .whenReady()
    .then(start)
    .catch((error: unknown) => {
      dialog.showErrorBox('Tollgate could not start', error instanceof Error ? error.message : String(error));
      app.exit(1);
    });
}
