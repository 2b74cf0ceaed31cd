import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { electronExecutable, nextStartStep, WEB_MODE_NOTICE } from './start-plan';

describe('nextStartStep', () => {
  it('tries to download Electron once before giving up on it', () => {
    expect(
      nextStartStep({ electronExecutable: null, downloadTried: false, nativeBindingBuilt: false }),
    ).toEqual({ kind: 'download-electron' });
  });

  it('serves web mode, saying why in one line, when Electron cannot be had', () => {
    const step = nextStartStep({ electronExecutable: null, downloadTried: true, nativeBindingBuilt: true });
    expect(step).toEqual({ kind: 'web', notice: WEB_MODE_NOTICE });
    expect(WEB_MODE_NOTICE).not.toContain('\n');
  });

  it('builds better-sqlite3 for Electron first when the cache has none', () => {
    expect(
      nextStartStep({ electronExecutable: '/e/electron', downloadTried: false, nativeBindingBuilt: false }),
    ).toEqual({ kind: 'electron', executable: '/e/electron', buildNativeBinding: true });
  });

  it('launches Electron straight away when the Electron build is cached', () => {
    expect(
      nextStartStep({ electronExecutable: '/e/electron', downloadTried: true, nativeBindingBuilt: true }),
    ).toEqual({ kind: 'electron', executable: '/e/electron', buildNativeBinding: false });
  });
});

describe('electronExecutable', () => {
  const dir = '/repo/node_modules/electron';
  const files = (entries: Record<string, string>) => ({
    read: (path: string) => entries[path] ?? null,
    exists: (path: string) => path in entries,
  });

  it('finds the binary electron installed', () => {
    const fs = files({ [join(dir, 'path.txt')]: 'electron', [join(dir, 'dist', 'electron')]: '' });
    expect(electronExecutable(dir, fs.read, fs.exists)).toBe(join(dir, 'dist', 'electron'));
  });

  it('is absent when electron was installed without its binary (allowScripts)', () => {
    const fs = files({});
    expect(electronExecutable(dir, fs.read, fs.exists)).toBeNull();
  });

  it('is absent when path.txt points at a binary that is gone', () => {
    const fs = files({ [join(dir, 'path.txt')]: 'electron' });
    expect(electronExecutable(dir, fs.read, fs.exists)).toBeNull();
  });

  it('honours ELECTRON_OVERRIDE_DIST_PATH like electron itself', () => {
    const fs = files({ [join(dir, 'path.txt')]: 'electron', '/opt/electron/electron': '' });
    expect(electronExecutable(dir, fs.read, fs.exists, '/opt/electron')).toBe('/opt/electron/electron');
  });
});
