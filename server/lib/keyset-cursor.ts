import { DomainError } from './errors';

/** Where the previous page ended: the last row's sort value and id (keyset paging). */
export interface KeysetCursor {
  value: string | number;
  id: string;
}

export function encodeCursor(cursor: KeysetCursor): string {
  return Buffer.from(JSON.stringify([cursor.value, cursor.id])).toString('base64url');
}

export function decodeCursor(text: string): KeysetCursor {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
    if (Array.isArray(parsed) && parsed.length === 2) {
      const [value, id] = parsed as unknown[];
      // Sort values are text or whole numbers (times, sequence numbers); a number past 2^53
      // (or 1e400, read as Infinity) would compare as some other row's value.
      const isSortValue =
        typeof value === 'string' || (typeof value === 'number' && Number.isSafeInteger(value));
      if (isSortValue && typeof id === 'string') return { value, id };
    }
  } catch {
    // fall through to the error below: a broken cursor is bad input, not a crash
  }
  throw new DomainError('INVALID_INPUT', 'The page cursor is not valid; reload the list', {
    cursor: ['not a cursor this list produced'],
  });
}
