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
const BLOCK = /-----BEGIN ([A-Z ]+)-----([\s\S]*?)-----END ([A-Z ]+)-----/g;

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
  // One BEGIN, counted before the pattern runs: many unclosed blocks would make it scan the text once per BEGIN.
  if (text.split('-----BEGIN ').length !== 2) return null;
  const blocks = [...text.matchAll(BLOCK)];
  if (blocks.length !== 1) return null;
  const [, begin, body, end] = blocks[0] as RegExpMatchArray;
  if (begin !== end) return null;
  const kind = (Object.keys(ARMOR_LABELS) as ArmorKind[]).find((k) => ARMOR_LABELS[k] === begin);
  if (!kind) return null;
  const bytes = fromBase64url((body as string).replace(/\s+/g, ''));
  return bytes && bytes.length > 0 ? { kind, bytes } : null;
}
