import { describe, expect, it } from 'vitest';
import { toFtsQuery } from './search';

describe('toFtsQuery', () => {
  it('makes a prefix term of each word', () => {
    expect(toFtsQuery('Ada Lov')).toBe('"ada"* "lov"*');
    expect(toFtsQuery('ada.l@example.co')).toBe('"ada"* "l"* "example"* "co"*');
  });

  it('keeps FTS syntax out of the query', () => {
    expect(toFtsQuery('name:x OR "y" NEAR(z) -w *')).toBe('"name"* "x"* "or"* "y"* "near"* "z"* "w"*');
    expect(toFtsQuery('  ')).toBeNull();
    expect(toFtsQuery('***')).toBeNull();
  });

  it('keeps letters of every script', () => {
    expect(toFtsQuery('José Müller 山田')).toBe('"josé"* "müller"* "山田"*');
  });
});
