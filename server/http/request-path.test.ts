import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { pathOf } from './request-path';

const viaUrl = (requestUrl: string) => new URL(requestUrl, 'http://local').pathname;
/** The path, or 'refused' where reading it throws (URL refuses `//`, as it always did here). */
const outcome = (read: () => string) => {
  try {
    return read();
  } catch {
    return 'refused';
  }
};

describe('pathOf', () => {
  it('reads a plain path off the request line, without its query', () => {
    expect(pathOf('/api/v1/licenses/validate')).toBe('/api/v1/licenses/validate');
    expect(pathOf('/api/v1/customers?limit=2')).toBe('/api/v1/customers');
    expect(pathOf('/')).toBe('/');
  });

  it('gives what URL gives for odd paths: escapes, dot segments, double slashes, backslashes', () => {
    for (const odd of [
      '/api/v1/../trpc/x',
      '/api/%761/x',
      '//evil.test/x',
      '/api\\v1',
      '/a/./b',
      '/trpc/a.b,c.d?batch=1',
    ])
      expect(pathOf(odd)).toBe(viaUrl(odd));
  });

  it('agrees with URL on any request target made of path characters', () => {
    const target = fc
      .array(
        fc.constantFrom('/', 'a', 'Z', '0', '_', '-', '.', '%', '2', 'e', '\\', '?', '#', ',', ' ', '~'),
        {
          maxLength: 24,
        },
      )
      .map((chars) => `/${chars.join('')}`);
    fc.assert(
      fc.property(
        target,
        (requestUrl) => outcome(() => pathOf(requestUrl)) === outcome(() => viaUrl(requestUrl)),
      ),
    );
  });
});
