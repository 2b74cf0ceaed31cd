import { describe, expect, it } from 'vitest';
import { MAX_LOGO_BYTES } from '../../../shared/branding/schema';
import { DomainError } from '../../lib/errors';
import { PNG_1X1 } from './branding.test-kit';
import { checkLogo, logoTypeOf } from './logo';

const dataUrl = (type: string, bytes: Buffer) => `data:${type};base64,${bytes.toString('base64')}`;
const refusal = (url: string) => {
  try {
    checkLogo(url);
  } catch (error) {
    if (error instanceof DomainError) return error.message;
    throw error;
  }
  throw new Error('accepted');
};

describe('a logo', () => {
  it('is a PNG by its bytes, whatever type the data: URL claims', () => {
    const logo = checkLogo(`data:image/svg+xml;base64,${PNG_1X1}`);
    expect(logo.type).toBe('png');
    expect(logo.dataUrl).toBe(`data:image/png;base64,${PNG_1X1}`);
  });

  it('is an SVG by its text, sanitized, whatever type is claimed', () => {
    const svg = Buffer.from(
      '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><circle r="1"/></svg>',
    );
    const logo = checkLogo(dataUrl('image/png', svg));
    expect(logo.type).toBe('svg');
    expect(Buffer.from(logo.dataUrl.split(',')[1] ?? '', 'base64').toString()).toBe(
      '<svg xmlns="http://www.w3.org/2000/svg"><circle r="1"/></svg>',
    );
    expect(logo.removed).toEqual(['attribute onload']);
    // A URL-encoded SVG is read too.
    expect(checkLogo(`data:image/svg+xml,${encodeURIComponent('<svg/>')}`).type).toBe('svg');
  });

  it('refuses other formats by their magic bytes, naming them', () => {
    expect(refusal(dataUrl('image/png', Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0])))).toContain('JPEG');
    expect(refusal(dataUrl('image/png', Buffer.from('GIF89a....')))).toContain('GIF');
    expect(refusal(dataUrl('image/png', Buffer.from('RIFF\0\0\0\0WEBPVP8 ')))).toContain('WebP');
    expect(refusal(dataUrl('image/svg+xml', Buffer.from('%PDF-1.7')))).toContain('PDF');
    expect(refusal(dataUrl('image/png', Buffer.from('hello')))).toContain('neither a PNG nor an SVG');
    // The PNG signature alone, without its header chunk, is not a PNG.
    expect(
      refusal(dataUrl('image/png', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]))),
    ).toContain('not a whole one');
    expect(logoTypeOf(Buffer.from('<html><svg/></html>'))).toEqual({
      refused: 'The logo is neither a PNG nor an SVG (checked by its content, not its name)',
    });
  });

  it('refuses one over 256 KB, and an empty or damaged one', () => {
    const png = Buffer.from(PNG_1X1, 'base64');
    const big = Buffer.concat([png, Buffer.alloc(MAX_LOGO_BYTES + 1 - png.length)]);
    expect(refusal(dataUrl('image/png', big))).toBe('The logo is 257 KB; at most 256 KB');
    const justFits = Buffer.concat([png, Buffer.alloc(MAX_LOGO_BYTES - png.length)]);
    expect(checkLogo(dataUrl('image/png', justFits)).bytes).toBe(MAX_LOGO_BYTES);
    expect(refusal('data:image/png;base64,')).toBe('The logo is empty');
    expect(refusal('data:image/png;base64,@@@')).toContain('base64 is damaged');
    expect(refusal('data:image/svg+xml,%E0%A4%A')).toContain('damaged');
  });

  it('refuses an SVG the sanitizer cannot read, with its reason', () => {
    expect(refusal(dataUrl('image/svg+xml', Buffer.from('<svg><rect width=1/></svg>')))).toContain(
      'not well-formed',
    );
    expect(
      refusal(dataUrl('image/svg+xml', Buffer.from([0x3c, 0x73, 0x76, 0x67, 0x3e, 0xff, 0xfe]))),
    ).toContain('not UTF-8');
  });
});
