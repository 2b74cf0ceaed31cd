import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import { menuTemplate } from './menu';

function roles(items: MenuItemConstructorOptions[]): string[] {
  return items.flatMap((item) => [
    ...(item.role ? [item.role] : []),
    ...(Array.isArray(item.submenu) ? roles(item.submenu) : []),
  ]);
}

describe('menuTemplate', () => {
  it('offers developer tools only when unpackaged', () => {
    expect(roles(menuTemplate({ isPackaged: false, platform: 'linux' }))).toContain('toggleDevTools');
    expect(roles(menuTemplate({ isPackaged: true, platform: 'linux' }))).not.toContain('toggleDevTools');
    expect(roles(menuTemplate({ isPackaged: true, platform: 'win32' }))).not.toContain('reload');
  });

  it('has the app menu first on macOS, and standard edit shortcuts everywhere', () => {
    expect(menuTemplate({ isPackaged: true, platform: 'darwin' })[0]).toEqual({ role: 'appMenu' });
    for (const platform of ['linux', 'win32', 'darwin'] as const) {
      expect(roles(menuTemplate({ isPackaged: true, platform }))).toContain('editMenu');
    }
    expect(roles(menuTemplate({ isPackaged: true, platform: 'linux' }))).not.toContain('appMenu');
  });
});
