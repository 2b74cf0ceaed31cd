import { mkdtempSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { IPC_ORIGIN, TRPC_IPC_CHANNEL, type IpcHttpResponse } from '../../shared/ipc';
import { SIGNAL_BUDGET_MS } from '../../tests/support/budgets';

/** vi.waitFor's own default (1 s) is a guess about a quiet machine; ours is the shared budget. */
const SIGNALS = { timeout: SIGNAL_BUDGET_MS, interval: 50 };

/**
 * Runs the real main-process entry (index.ts) against a stand-in for the `electron`
 * module, which cannot load without its binary: the window's security settings, the
 * IPC bridge answering the window, single-instance focus and closing on quit.
 */
const fake = vi.hoisted(() => {
  type Listener = (...args: unknown[]) => unknown;
  class Emitter {
    listeners = new Map<string, Listener[]>();
    on(event: string, listener: Listener) {
      this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
      return this;
    }
    once(event: string, listener: Listener) {
      return this.on(event, listener);
    }
    emit(event: string, ...args: unknown[]) {
      for (const listener of this.listeners.get(event) ?? []) listener(...args);
    }
  }
  class FakeWindow extends Emitter {
    static all: FakeWindow[] = [];
    static getAllWindows = () => FakeWindow.all;
    loadedUrl: string | null = null;
    focused = 0;
    minimized = false;
    webContents = Object.assign(new Emitter(), {
      openHandler: null as Listener | null,
      setWindowOpenHandler(handler: Listener) {
        this.openHandler = handler;
      },
    });
    constructor(public options: { webPreferences: Record<string, unknown> }) {
      super();
      FakeWindow.all.push(this);
    }
    loadURL(url: string) {
      this.loadedUrl = url;
      return Promise.resolve();
    }
    show() {}
    isMinimized = () => this.minimized;
    restore() {
      this.minimized = false;
    }
    focus() {
      this.focused += 1;
    }
  }
  const state = {
    lock: true,
    paths: new Map<string, string>(),
    exited: null as number | null,
    quitRequests: 0,
    errorBox: null as string | null,
    handlers: new Map<string, Listener>(),
    permissionRequest: null as Listener | null,
  };
  const app = Object.assign(new Emitter(), {
    isPackaged: false,
    setPath: (name: string, path: string) => state.paths.set(name, path),
    getPath: (name: string) => state.paths.get(name) ?? '',
    requestSingleInstanceLock: () => state.lock,
    whenReady: () => Promise.resolve(),
    quit() {
      state.quitRequests += 1;
      let prevented = false;
      app.emit('will-quit', { preventDefault: () => (prevented = true) });
      if (!prevented) state.exited = 0;
    },
    exit: (code: number) => (state.exited = code),
  });
  const module = {
    app,
    BrowserWindow: FakeWindow,
    dialog: { showErrorBox: (_title: string, message: string) => (state.errorBox = message) },
    ipcMain: {
      handle: (channel: string, listener: Listener) => state.handlers.set(channel, listener),
      removeHandler: (channel: string) => state.handlers.delete(channel),
    },
    Menu: { buildFromTemplate: (template: unknown) => template, setApplicationMenu: () => {} },
    session: {
      defaultSession: {
        setPermissionRequestHandler: (handler: Listener) => (state.permissionRequest = handler),
        setPermissionCheckHandler: () => {},
        webRequest: { onHeadersReceived: () => {} },
      },
    },
    shell: { openExternal: () => Promise.resolve() },
    // Only touched when a server sign-in is stored (connected mode), which these tests never do.
    safeStorage: {
      isEncryptionAvailable: () => false,
      encryptString: () => Buffer.alloc(0),
      decryptString: () => '',
    },
  };
  const reset = () => {
    FakeWindow.all = [];
    app.listeners.clear();
    Object.assign(state, {
      lock: true,
      exited: null,
      quitRequests: 0,
      errorBox: null,
      permissionRequest: null,
    });
    state.paths.clear();
    state.handlers.clear();
  };
  return { module, state, FakeWindow, reset };
});

vi.mock('electron', () => fake.module);

const dir = mkdtempSync(join(tmpdir(), 'tollgate-main-'));
const saved = { data: process.env.TOLLGATE_DATA_DIR, level: process.env.LOG_LEVEL };

beforeEach(() => {
  fake.reset();
  vi.resetModules();
  process.env.LOG_LEVEL = 'silent';
  delete process.env.ELECTRON_RENDERER_URL;
});

afterEach(async () => {
  // Quit like a user would, so every test's database is closed before the next starts.
  if (fake.state.exited === null) fake.module.app.quit();
  await vi.waitFor(() => expect(fake.state.exited).not.toBeNull(), SIGNALS);
});

afterAll(() => {
  process.env.TOLLGATE_DATA_DIR = saved.data;
  process.env.LOG_LEVEL = saved.level;
  rmSync(dir, { recursive: true, force: true });
});

async function launch(dataDir: string) {
  process.env.TOLLGATE_DATA_DIR = dataDir;
  await import('./index');
  await vi.waitFor(
    () => expect(fake.FakeWindow.all.length + (fake.state.exited === null ? 0 : 1)).toBe(1),
    SIGNALS,
  );
  return fake.FakeWindow.all[0];
}

const ask = (pageUrl: string) =>
  fake.state.handlers.get(TRPC_IPC_CHANNEL)?.(
    { senderFrame: { url: pageUrl } },
    { url: `${IPC_ORIGIN}/trpc/customers.list?input=%7B%7D`, method: 'GET', headers: {}, body: null },
  ) as Promise<IpcHttpResponse>;

describe('the Electron main process', () => {
  it('opens one sandboxed, isolated window on the built console, with data in the data folder', async () => {
    const window = await launch(join(dir, 'first'));
    expect(window?.options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      preload: expect.stringMatching(/[\\/]preload[\\/]index\.cjs$/) as unknown,
    });
    expect(window?.loadedUrl).toMatch(/^file:\/\/.*\/renderer\/index\.html$/);
    expect(fake.state.paths.get('userData')).toBe(join(dir, 'first'));
    expect(existsSync(join(dir, 'first', 'tollgate.sqlite'))).toBe(true);
  });

  it("answers the window's tRPC calls over IPC, and no one else's", async () => {
    const window = await launch(join(dir, 'ipc'));
    const answer = await ask(`${window?.loadedUrl}#/customers`);
    expect(answer.status).toBe(200);
    expect(answer.body).toContain('cus_');
    await expect(ask('https://example.com/')).resolves.toMatchObject({ status: 403 });
  });

  it('refuses the window every permission but clipboard writes', async () => {
    const window = await launch(join(dir, 'permissions'));
    const decide = (permission: string) =>
      new Promise((resolve) =>
        fake.state.permissionRequest?.(window?.webContents, permission, resolve, {
          requestingUrl: window?.loadedUrl,
        }),
      );
    await expect(decide('media')).resolves.toBe(false);
    await expect(decide('notifications')).resolves.toBe(false);
    await expect(decide('clipboard-sanitized-write')).resolves.toBe(true);
  });

  it('focuses the existing window when launched a second time', async () => {
    const window = await launch(join(dir, 'second'));
    if (window) window.minimized = true;
    fake.module.app.emit('second-instance');
    expect(window?.minimized).toBe(false);
    expect(window?.focused).toBe(1);
  });

  it('closes the database before quitting', async () => {
    const dataDir = join(dir, 'quit');
    await launch(dataDir);
    fake.module.app.quit();
    expect(fake.state.exited).toBeNull();
    await vi.waitFor(() => expect(fake.state.exited).toBe(0), SIGNALS);
    // SQLite removes the write-ahead log when the last connection closes cleanly.
    expect(existsSync(join(dataDir, 'tollgate.sqlite-wal'))).toBe(false);
  });

  it('quits at once when another instance holds the lock', async () => {
    fake.state.lock = false;
    await launch(join(dir, 'locked'));
    expect(fake.state.exited).toBe(0);
    expect(fake.FakeWindow.all).toEqual([]);
  });

  it('shows why and exits when the backend cannot start', async () => {
    const notADir = join(dir, 'a-file');
    writeFileSync(notADir, '');
    await launch(join(notADir, 'data'));
    expect(fake.state.exited).toBe(1);
    expect(fake.state.errorBox).toMatch(/ENOTDIR|not a directory/i);
    expect(fake.FakeWindow.all).toEqual([]);
  });
});
