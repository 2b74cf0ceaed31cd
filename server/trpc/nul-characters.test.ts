import { describe, expect, it } from 'vitest';
import { findNulCharacter, nulMessage } from './nul-characters';

describe('findNulCharacter', () => {
  it('names the field whose string holds NUL', () => {
    expect(findNulCharacter({ name: 'Ada', patch: { company: 'Acme\u0000Ltd' } })).toBe('patch.company');
    expect(findNulCharacter({ lines: [{ description: 'ok' }, { description: '\u0000' }] })).toBe(
      'lines.1.description',
    );
    expect(findNulCharacter('\u0000')).toBe('_');
  });

  it('finds NUL in a key the client chose, and shows it escaped', () => {
    expect(findNulCharacter({ features: { 'a\u0000b': 1 } })).toBe('features.a\\u0000b');
  });

  it('passes inputs without NUL, including look-alikes', () => {
    expect(
      findNulCharacter({ name: 'Nul \\u0000 written out', n: 0, none: null, list: [1, 'x'] }),
    ).toBeNull();
    expect(findNulCharacter(undefined)).toBeNull();
  });

  it('walks nesting deeper than the call stack would allow', () => {
    let deep: unknown = '\u0000';
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(findNulCharacter(deep)).toMatch(/^0\.0\.0/);
  });

  it('cuts a long path', () => {
    const found = findNulCharacter({ ['k'.repeat(500)]: '\u0000' }) ?? '';
    expect(found.length).toBeLessThanOrEqual(121);
    expect(nulMessage(found)).toContain('U+0000');
    expect(nulMessage('_')).toBe('The input contains a NUL character (U+0000), which is not allowed');
  });
});
