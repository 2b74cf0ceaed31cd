import { describe, expect, it } from 'vitest';
import { defaultDataDir } from './data-dir';

describe('defaultDataDir', () => {
  it('honours TOLLGATE_DATA_DIR first', () => {
    expect(defaultDataDir({ TOLLGATE_DATA_DIR: '/tmp/tg' }, 'linux', '/home/a')).toBe('/tmp/tg');
  });

  it('follows each platform’s app-data convention', () => {
    expect(defaultDataDir({}, 'linux', '/home/a')).toBe('/home/a/.config/Tollgate');
    expect(defaultDataDir({ XDG_CONFIG_HOME: '/cfg' }, 'linux', '/home/a')).toBe('/cfg/Tollgate');
    expect(defaultDataDir({}, 'darwin', '/Users/a')).toBe('/Users/a/Library/Application Support/Tollgate');
    expect(defaultDataDir({ APPDATA: 'C:\\Users\\a\\AppData\\Roaming' }, 'win32', 'C:\\Users\\a')).toContain(
      'Tollgate',
    );
  });
});
