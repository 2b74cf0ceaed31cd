import { describe, expect, it } from 'vitest';
import { CLIENT_HEADER_RULE, clientHeaderRefusal, readClientHeader } from './client-header';

describe('the x-tollgate-client header', () => {
  it('reads what the console and a connected desktop send', () => {
    // The console's ids: 22 of A–Z, a–z, 0–9, _ and - (renderer/lib/client-id.ts).
    for (const id of ['3fQ-_aZ09xYbC7dEfGhIjK', '__________-----------_', 'AAAAAAAAAAAAAAAAAAAAAA']) {
      expect(readClientHeader(`web:${id}`)).toEqual({ kind: 'web', id });
      expect(readClientHeader(`desktop:${id}`)).toEqual({ kind: 'desktop', id });
    }
    expect(readClientHeader('desktop:desk-0a1b2c3d4e5f6a7b8c9d0e1f')).toEqual({
      kind: 'desktop',
      id: 'desk-0a1b2c3d4e5f6a7b8c9d0e1f',
    });
    expect(readClientHeader(`web:${'a'.repeat(64)}`)).toEqual({ kind: 'web', id: 'a'.repeat(64) });
  });

  const malformed: [string, string | string[]][] = [
    ['no id', 'web:'],
    ['no kind', 'abc'],
    ['a kind it does not know', 'mobile:abc'],
    ['a kind in capitals', 'WEB:abc'],
    ['an id over 64 characters', `web:${'a'.repeat(65)}`],
    ['a space', 'web:a b'],
    ['markup', 'web:<script>alert(1)</script>'],
    ['a line break', 'web:abc\nforged log line'],
    ['letters beyond ASCII', 'web:café'],
    ['two headers joined', 'web:abc, web:def'],
    ['a list', ['web:abc', 'web:def']],
  ];
  for (const [what, value] of malformed) {
    it(`refuses ${what} with a 400 naming the header`, () => {
      expect(readClientHeader(value)).toBeNull();
      expect(clientHeaderRefusal(value)).toEqual({ status: 400, error: CLIENT_HEADER_RULE });
    });
  }

  it('refuses a missing or empty header with 403, as before', () => {
    for (const value of [undefined, '']) {
      expect(clientHeaderRefusal(value)).toEqual({
        status: 403,
        error: 'tRPC calls must carry the x-tollgate-client header',
      });
    }
    expect(CLIENT_HEADER_RULE).toContain('x-tollgate-client');
  });
});
