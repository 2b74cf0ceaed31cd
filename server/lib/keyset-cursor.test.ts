import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DomainError } from './errors';
import { decodeCursor, encodeCursor, type KeysetCursor } from './keyset-cursor';

const forged = (json: string) => Buffer.from(json).toString('base64url');

describe('keyset cursors', () => {
  it('come back as they were made, for any sort value a list pages by', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.maxSafeInteger()), fc.string(), (value, id) => {
        const cursor: KeysetCursor = { value, id };
        expect(decodeCursor(encodeCursor(cursor))).toEqual(cursor);
      }),
    );
  });

  it('read any text as a cursor with a safe value, or refuse it as invalid input', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc
            .tuple(fc.oneof(fc.double(), fc.string(), fc.integer()), fc.string())
            .map((t) => forged(JSON.stringify(t))),
          fc.constantFrom('[1e400,"x"]', '[-1e400,"x"]', '[9007199254740993,"x"]', '[0.5,"x"]').map(forged),
        ),
        (text) => {
          try {
            const { value } = decodeCursor(text);
            expect(typeof value === 'string' || Number.isSafeInteger(value)).toBe(true);
          } catch (error) {
            expect(error).toBeInstanceOf(DomainError);
            expect((error as DomainError).code).toBe('INVALID_INPUT');
          }
        },
      ),
    );
  });

  it('refuse a value past 2^53, which would compare as another row’s', () => {
    expect(() => decodeCursor(forged('[1e400,"x"]'))).toThrow(/not valid/);
    expect(() => decodeCursor(forged('[9007199254740993,"x"]'))).toThrow(/not valid/);
  });
});
