import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseRange, rangeHeaders } from './range';

describe('parseRange', () => {
  it('reads a closed, an open-ended and a suffix range', () => {
    expect(parseRange('bytes=0-99', 1000)).toEqual({ kind: 'partial', range: { start: 0, end: 99 } });
    expect(parseRange('bytes=900-', 1000)).toEqual({ kind: 'partial', range: { start: 900, end: 999 } });
    expect(parseRange('bytes=-100', 1000)).toEqual({ kind: 'partial', range: { start: 900, end: 999 } });
  });

  it('clamps an end past the object and a suffix longer than it', () => {
    expect(parseRange('bytes=990-5000', 1000)).toEqual({ kind: 'partial', range: { start: 990, end: 999 } });
    expect(parseRange('bytes=-5000', 1000)).toEqual({ kind: 'partial', range: { start: 0, end: 999 } });
  });

  it('is unsatisfiable when it starts past the end or asks for no bytes', () => {
    expect(parseRange('bytes=1000-', 1000)).toEqual({ kind: 'unsatisfiable' });
    expect(parseRange('bytes=-0', 1000)).toEqual({ kind: 'unsatisfiable' });
    expect(parseRange('bytes=99999999999999999999-', 1000)).toEqual({ kind: 'unsatisfiable' });
  });

  it('serves the whole object for no header, several ranges, other units or nonsense', () => {
    for (const header of [undefined, 'bytes=0-1,5-9', 'items=0-1', 'bytes=9-3', 'bytes=-', 'garbage']) {
      expect(parseRange(header, 1000)).toEqual({ kind: 'whole' });
    }
  });

  it('always gives a range inside the object', () => {
    fc.assert(
      fc.property(fc.nat(10_000), fc.nat(20_000), fc.nat(20_000), fc.boolean(), (size, a, b, suffix) => {
        const request = parseRange(suffix ? `bytes=-${a}` : `bytes=${a}-${b}`, size);
        if (request.kind !== 'partial') return;
        expect(request.range.start).toBeGreaterThanOrEqual(0);
        expect(request.range.start).toBeLessThanOrEqual(request.range.end);
        expect(request.range.end).toBeLessThan(size);
      }),
    );
  });
});

describe('rangeHeaders', () => {
  it('describes a partial answer and an unsatisfiable one', () => {
    expect(rangeHeaders({ kind: 'partial', range: { start: 10, end: 19 } }, 100)).toEqual({
      'accept-ranges': 'bytes',
      'content-range': 'bytes 10-19/100',
      'content-length': '10',
    });
    expect(rangeHeaders({ kind: 'unsatisfiable' }, 100)).toEqual({ 'content-range': 'bytes */100' });
  });
});
