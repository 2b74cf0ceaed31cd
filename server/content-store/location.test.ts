import { describe, expect, it } from 'vitest';
import { contentDirectoryFromEnv } from './location';

describe('contentDirectoryFromEnv', () => {
  it('keeps content under the data directory unless TOLLGATE_CONTENT_DIR moves it', () => {
    expect(contentDirectoryFromEnv({}, '/var/lib/tollgate')).toBe('/var/lib/tollgate/content');
    expect(contentDirectoryFromEnv({ TOLLGATE_CONTENT_DIR: ' ' }, '/data')).toBe('/data/content');
    expect(contentDirectoryFromEnv({ TOLLGATE_CONTENT_DIR: '/mnt/big/content' }, '/data')).toBe(
      '/mnt/big/content',
    );
  });

  it('refuses a relative path, naming the variable', () => {
    expect(() => contentDirectoryFromEnv({ TOLLGATE_CONTENT_DIR: 'content' }, '/data')).toThrow(
      'TOLLGATE_CONTENT_DIR must be an absolute path, got "content"',
    );
  });
});
