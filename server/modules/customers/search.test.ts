import { describe, expect, it } from 'vitest';
import { asEmailPrefix, toFtsQuery } from './search';

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

describe('asEmailPrefix', () => {
  it('turns an email-shaped search into an escaped prefix pattern', () => {
    expect(asEmailPrefix(' Ada.L@Example.co ')).toBe('ada.l@example.co%');
    expect(asEmailPrefix('ada@')).toBe('ada@%');
    expect(asEmailPrefix('100%_off@x.io')).toBe('100\\%\\_off@x.io%');
  });

  it('leaves other searches to full-text search', () => {
    expect(asEmailPrefix('ada lovelace')).toBeNull();
    expect(asEmailPrefix('@example.com')).toBeNull();
    expect(asEmailPrefix('a@b@c')).toBeNull();
  });
});
