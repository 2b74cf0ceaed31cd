import { fromBase64url, toBase64url } from './encoding';

/**
 * The text form of every licensing file: base64url between BEGIN/END lines, 64 characters a
 * line, like PEM. Text around the block is ignored (a file pasted from an email still reads);
 * whitespace and CR inside it too (Windows line ends, indentation). One block per text.
 */

export const ARMOR_LABELS = {
  license: 'TOLLGATE LICENSE FILE',
  machine: 'TOLLGATE MACHINE FILE',
  activation: 'TOLLGATE ACTIVATION REQUEST',
} as const;
export type ArmorKind = keyof typeof ARMOR_LABELS;

/** Longer texts are refused unread (a logo as data makes a license file at most a few hundred KB). */
export const MAX_ARMORED_LENGTH = 1_000_000;

const LINE = 64;
const BEGIN = '-----BEGIN ';
const DASHES = '-----';

export function armor(kind: ArmorKind, bytes: Uint8Array): string {
  const label = ARMOR_LABELS[kind];
  const body = toBase64url(bytes);
  const lines: string[] = [];
  for (let i = 0; i < body.length; i += LINE) lines.push(body.slice(i, i + LINE));
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
}

/** The block's kind and bytes; null when the text holds not exactly one well-formed block of a known kind. */
export function dearmor(text: string): { kind: ArmorKind; bytes: Uint8Array } | null {
  if (typeof text !== 'string' || text.length > MAX_ARMORED_LENGTH) return null;
  const begin = text.indexOf(BEGIN);
  if (begin < 0 || text.indexOf(BEGIN, begin + 1) >= 0) return null;
  const labelEnd = text.indexOf(DASHES, begin + BEGIN.length);
  const label = text.slice(begin + BEGIN.length, labelEnd);
  const kind = (Object.keys(ARMOR_LABELS) as ArmorKind[]).find((k) => ARMOR_LABELS[k] === label);
  if (labelEnd < 0 || !kind) return null;
  const bodyStart = labelEnd + DASHES.length;
  const end = text.indexOf(`-----END ${label}${DASHES}`, bodyStart);
  if (end < 0) return null;
  const bytes = fromBase64url(text.slice(bodyStart, end).replace(/\s+/g, ''));
  return bytes && bytes.length > 0 ? { kind, bytes } : null;
}
