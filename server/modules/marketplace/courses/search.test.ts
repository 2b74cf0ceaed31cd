import { describe, expect, it } from 'vitest';
import { toPrefixTsQuery } from './search';

describe('the PostgreSQL course search words', () => {
  it('makes each typed word a prefix, keeping letters of any script and dropping tsquery syntax', () => {
    expect(toPrefixTsQuery('Rust  own')).toBe('rust:* & own:*');
    expect(toPrefixTsQuery('Café crème')).toBe('café:* & crème:*');
    expect(toPrefixTsQuery("rust' | !go & (x:*")).toBe('rust:* & go:* & x:*');
    expect(toPrefixTsQuery('*** ')).toBeNull();
  });

  it('keeps at most eight words', () => {
    expect(toPrefixTsQuery('a b c d e f g h i j')?.split(' & ')).toHaveLength(8);
  });
});
