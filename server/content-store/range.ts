/**
 * One byte range of a stored object for a download (HTTP Range, RFC 9110 §14): inclusive
 * `start`..`end`, both within the object.
 */
export interface ByteRange {
  start: number;
  end: number;
}

export type RangeRequest =
  | { kind: 'whole' }
  | { kind: 'partial'; range: ByteRange }
  /** Answer 416 with `content-range: bytes *\/<size>`. */
  | { kind: 'unsatisfiable' };

const SINGLE = /^bytes=(\d*)-(\d*)$/;

/**
 * Reads a Range header for an object of `size` bytes. Only one range is served: a header with
 * several, or one that does not parse, is ignored and the whole object sent, which the RFC
 * allows. A suffix range (`bytes=-500`) is the last 500 bytes.
 */
export function parseRange(header: string | undefined, size: number): RangeRequest {
  const match = header === undefined ? null : SINGLE.exec(header.trim());
  if (!match) return { kind: 'whole' };
  const [, first = '', last = ''] = match;
  if (first === '' && last === '') return { kind: 'whole' };
  if (first === '') {
    const suffix = Number(last);
    if (suffix === 0 || size === 0) return { kind: 'unsatisfiable' };
    return { kind: 'partial', range: { start: Math.max(0, size - suffix), end: size - 1 } };
  }
  const start = Number(first);
  if (!Number.isSafeInteger(start) || start >= size) return { kind: 'unsatisfiable' };
  const end = last === '' ? size - 1 : Math.min(Number(last), size - 1);
  if (end < start) return { kind: 'whole' };
  return { kind: 'partial', range: { start, end } };
}

/** The headers a 206 (or 416) carries for `request` over an object of `size` bytes. */
export function rangeHeaders(request: RangeRequest, size: number): Record<string, string> {
  switch (request.kind) {
    case 'whole':
      return { 'accept-ranges': 'bytes', 'content-length': String(size) };
    case 'partial': {
      const { start, end } = request.range;
      return {
        'accept-ranges': 'bytes',
        'content-range': `bytes ${start}-${end}/${size}`,
        'content-length': String(end - start + 1),
      };
    }
    case 'unsatisfiable':
      return { 'content-range': `bytes */${size}` };
  }
}
