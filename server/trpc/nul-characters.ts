/**
 * U+0000 (NUL) anywhere in a call's input is refused before the procedure runs, on every
 * database. PostgreSQL's text types cannot hold it (it answers error 22021, which would reach
 * the client as an internal error), and SQLite can: refusing it everywhere keeps a desktop
 * (SQLite) from accepting a command its PostgreSQL server would then reject on push. No
 * legitimate name, email, description or key needs it.
 */

const NUL = '\u0000';
/** A shown path is cut here: a client chooses the keys, and may choose long ones. */
const MAX_SHOWN_PATH = 120;

/** A place in the input: its key, and the place holding it (null at the top). */
interface Place {
  key: string;
  parent: Place | null;
}

/** Where in `input` a string value or an object key holds NUL, as a dotted path, or null. */
export function findNulCharacter(input: unknown): string | null {
  // An explicit stack, not recursion: a client may nest arrays thousands of levels deep. Each
  // entry points at its parent rather than copying its path, so the walk stays linear.
  const stack: { value: unknown; place: Place | null }[] = [{ value: input, place: null }];
  const enter = (value: unknown, key: string, parent: Place | null) =>
    stack.push({ value, place: { key, parent } });
  while (stack.length > 0) {
    const { value, place } = stack.pop() as (typeof stack)[number];
    if (typeof value === 'string') {
      if (value.includes(NUL)) return shownPath(place);
    } else if (Array.isArray(value)) {
      value.forEach((item, index) => enter(item, String(index), place));
    } else if (value !== null && typeof value === 'object') {
      for (const [key, inner] of Object.entries(value)) {
        if (key.includes(NUL)) return shownPath({ key, parent: place });
        enter(inner, key, place);
      }
    }
  }
  return null;
}

function shownPath(place: Place | null): string {
  const keys: string[] = [];
  for (let at = place; at !== null; at = at.parent) keys.push(at.key);
  const text = keys.length === 0 ? '_' : keys.reverse().join('.').replaceAll(NUL, '\\u0000');
  return text.length > MAX_SHOWN_PATH ? `${text.slice(0, MAX_SHOWN_PATH)}…` : text;
}

/** The message a refused call carries, naming the field. */
export function nulMessage(field: string): string {
  const where = field === '_' ? 'The input' : field;
  return `${where} contains a NUL character (U+0000), which is not allowed`;
}
