import { MAX_LOGO_BYTES } from '../../../shared/branding/schema';
import { DomainError } from '../../lib/errors';
import { sanitizeSvg, SvgRefused } from './svg';

/**
 * A logo arrives as a data: URL. Its type is read from its bytes (the magic numbers), never
 * from the URL's claimed type or a file name; PNG and SVG are accepted, an SVG only as the
 * sanitizer writes it again. What is stored is the data: URL of the checked bytes.
 */

export type LogoType = 'png' | 'svg';

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** Other formats people try, named so the refusal says what the file is. */
const OTHER_FORMATS: { name: string; bytes: number[]; at?: number }[] = [
  { name: 'a JPEG', bytes: [0xff, 0xd8, 0xff] },
  { name: 'a GIF', bytes: [0x47, 0x49, 0x46, 0x38] },
  { name: 'a WebP image', bytes: [0x57, 0x45, 0x42, 0x50], at: 8 },
  { name: 'a PDF', bytes: [0x25, 0x50, 0x44, 0x46] },
  { name: 'an ICO', bytes: [0x00, 0x00, 0x01, 0x00] },
];

const startsWith = (bytes: Uint8Array, signature: number[], at = 0) =>
  bytes.length >= at + signature.length && signature.every((b, i) => bytes[at + i] === b);

/** Whether the bytes are a PNG (signature, then its IHDR chunk) or what looks like SVG text; else why not. */
export function logoTypeOf(bytes: Uint8Array): LogoType | { refused: string } {
  if (startsWith(bytes, PNG_SIGNATURE)) {
    const ihdr = Buffer.from(bytes.subarray(12, 16)).toString('latin1');
    return ihdr === 'IHDR' ? 'png' : { refused: 'The logo starts like a PNG but is not a whole one' };
  }
  const other = OTHER_FORMATS.find((f) => startsWith(bytes, f.bytes, f.at));
  if (other) return { refused: `The logo is ${other.name}; use a PNG or an SVG` };
  const head = Buffer.from(bytes.subarray(0, 1024))
    .toString('utf8')
    .replace(/^\uFEFF/, '')
    .trimStart();
  if (/^(<\?xml[^>]*\?>\s*)?(<!--[\s\S]*?-->\s*)*<svg[\s/>]/.test(head)) return 'svg';
  return { refused: 'The logo is neither a PNG nor an SVG (checked by its content, not its name)' };
}

function bytesOf(dataUrl: string): Buffer {
  const comma = dataUrl.indexOf(',');
  const header = dataUrl.slice(0, comma);
  const body = dataUrl.slice(comma + 1);
  if (header.endsWith(';base64')) {
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(body)) throw logoError('The logo’s base64 is damaged');
    return Buffer.from(body, 'base64');
  }
  try {
    return Buffer.from(decodeURIComponent(body), 'utf8');
  } catch {
    throw logoError('The logo’s data: URL is damaged');
  }
}

function logoError(message: string): DomainError {
  return new DomainError('INVALID_INPUT', message, { 'branding.logo': [message] });
}

export interface CheckedLogo {
  dataUrl: string;
  type: LogoType;
  bytes: number;
  /** What the SVG sanitizer took out (empty for a PNG). */
  removed: string[];
}

/** The logo as it may be stored, or a refusal naming what is wrong with it. */
export function checkLogo(dataUrl: string): CheckedLogo {
  const bytes = bytesOf(dataUrl);
  if (bytes.length === 0) throw logoError('The logo is empty');
  if (bytes.length > MAX_LOGO_BYTES) {
    throw logoError(`The logo is ${Math.ceil(bytes.length / 1024)} KB; at most ${MAX_LOGO_BYTES / 1024} KB`);
  }
  const type = logoTypeOf(bytes);
  if (typeof type === 'object') throw logoError(type.refused);
  if (type === 'png') {
    return {
      dataUrl: `data:image/png;base64,${bytes.toString('base64')}`,
      type,
      bytes: bytes.length,
      removed: [],
    };
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw logoError('The SVG is not UTF-8 text');
  }
  try {
    const { svg, removed } = sanitizeSvg(text);
    const clean = Buffer.from(svg, 'utf8');
    return {
      dataUrl: `data:image/svg+xml;base64,${clean.toString('base64')}`,
      type,
      bytes: clean.length,
      removed,
    };
  } catch (error) {
    if (error instanceof SvgRefused) throw logoError(error.message);
    throw error;
  }
}
