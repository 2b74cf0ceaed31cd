import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { electronBuildEnv, nativeBindingPath, nodeGypArgs } from './electron-native';

describe('nativeBindingPath', () => {
  it('keeps the Electron build in .cache, one per Electron, better-sqlite3, platform and CPU', () => {
    expect(
      nativeBindingPath({
        root: '/repo',
        electronVersion: '38.8.6',
        sqliteVersion: '12.11.1',
        platform: 'linux',
        arch: 'x64',
      }),
    ).toBe(
      join(
        '/repo',
        '.cache',
        'electron-native',
        '38.8.6',
        'better-sqlite3-12.11.1-linux-x64',
        'better_sqlite3.node',
      ),
    );
  });
});

describe('nodeGypArgs', () => {
  it("compiles against Electron's headers for its version and CPU", () => {
    const args = nodeGypArgs({ electronVersion: '38.8.6', arch: 'arm64', headersDir: '/repo/.cache/h' });
    expect(args[0]).toBe('rebuild');
    expect(args).toEqual(
      expect.arrayContaining([
        '--target=38.8.6',
        '--arch=arm64',
        '--dist-url=https://electronjs.org/headers',
        '--devdir=/repo/.cache/h',
      ]),
    );
  });
});

describe('electronBuildEnv', () => {
  it("drops npm config that would make node-gyp build for Node's headers", () => {
    const env = electronBuildEnv({
      PATH: '/usr/bin',
      npm_config_nodedir: '/usr',
      NPM_CONFIG_TARGET: '20.0.0',
      npm_config_dist_url: 'https://nodejs.org/dist',
      npm_package_config_node_gyp_arch: 'ia32',
      npm_config_https_proxy: 'http://proxy:3128',
      npm_config_python: '/usr/bin/python3',
    });
    expect(env).toEqual({
      PATH: '/usr/bin',
      npm_config_https_proxy: 'http://proxy:3128',
      npm_config_python: '/usr/bin/python3',
    });
  });
});
