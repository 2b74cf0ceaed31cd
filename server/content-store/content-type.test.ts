import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CONTENT_TYPES,
  ContentRefusedError,
  checkDeclaredType,
  checkSniffedType,
  sniffContentType,
} from './content-type';

const bytes = (text: string) => Buffer.from(text, 'latin1');
const ZIP = bytes('PK\x03\x04\x14\x00\x00\x00\x08\x00\x00\x00');
const PDF = bytes('%PDF-1.7\n%\xe2\xe3\xcf\xd3');
const MP4 = bytes('\x00\x00\x00\x20ftypisom\x00\x00');

function refusal(run: () => unknown): ContentRefusedError {
  try {
    run();
  } catch (error) {
    if (error instanceof ContentRefusedError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('sniffContentType', () => {
  it('tells ZIP, PDF and MP4 from their first bytes', () => {
    expect(sniffContentType(ZIP)).toBe('application/zip');
    expect(sniffContentType(PDF)).toBe('application/pdf');
    expect(sniffContentType(MP4)).toBe('video/mp4');
  });

  it('recognises nothing else: HTML, an empty ZIP archive, a truncated header', () => {
    expect(sniffContentType(bytes('<!doctype html><html>'))).toBeNull();
    expect(sniffContentType(bytes('PK\x05\x06\x00\x00\x00\x00\x00\x00\x00\x00'))).toBeNull();
    expect(sniffContentType(bytes('PK\x03'))).toBeNull();
    expect(sniffContentType(new Uint8Array())).toBeNull();
  });

  it('never names a type for bytes that start with none of the magic numbers', () => {
    const magic = (head: Uint8Array) =>
      [ZIP.subarray(0, 4), PDF.subarray(0, 5)].some((m) =>
        Buffer.from(head).subarray(0, m.length).equals(m),
      ) || Buffer.from(head).subarray(4, 8).equals(bytes('ftyp'));
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 32 }), (head) => {
        expect(sniffContentType(head) !== null).toBe(magic(head));
      }),
    );
  });
});

describe('checkDeclaredType', () => {
  it('accepts an allowed type with parameters, in any case, and the Windows ZIP alias', () => {
    expect(checkDeclaredType('Application/ZIP; charset=binary', CONTENT_TYPES)).toBe('application/zip');
    expect(checkDeclaredType('application/x-zip-compressed', CONTENT_TYPES)).toBe('application/zip');
  });

  it('leaves the decision to the bytes when nothing specific is declared', () => {
    expect(checkDeclaredType(undefined, CONTENT_TYPES)).toBeNull();
    expect(checkDeclaredType('application/octet-stream', CONTENT_TYPES)).toBeNull();
  });

  it('refuses a type off the allow-list, naming it', () => {
    const error = refusal(() => checkDeclaredType('text/html', CONTENT_TYPES));
    expect(error.reason).toBe('type_not_allowed');
    expect(error.message).toContain('"text/html"');
    expect(refusal(() => checkDeclaredType('video/mp4', ['application/zip'])).message).toContain('video/mp4');
  });
});

describe('checkSniffedType', () => {
  it('refuses bytes that contradict the declared type, naming both', () => {
    const error = refusal(() => checkSniffedType(PDF, 'application/zip', CONTENT_TYPES));
    expect(error.reason).toBe('type_mismatch');
    expect(error.message).toContain('declared as application/zip');
    expect(error.message).toContain('PDF (application/pdf)');
  });

  it('refuses bytes of a known type the store does not allow, and bytes of no known type', () => {
    expect(refusal(() => checkSniffedType(MP4, null, ['application/zip'])).reason).toBe('type_not_allowed');
    expect(refusal(() => checkSniffedType(bytes('#!/bin/sh\nrm -rf'), null, CONTENT_TYPES)).reason).toBe(
      'type_unknown',
    );
  });

  it('accepts bytes that agree with the declaration or prove an allowed type alone', () => {
    expect(checkSniffedType(ZIP, 'application/zip', CONTENT_TYPES)).toBe('application/zip');
    expect(checkSniffedType(MP4, null, CONTENT_TYPES)).toBe('video/mp4');
  });
});
