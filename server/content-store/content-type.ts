import { DomainError } from '../lib/errors';

/**
 * What a content package may be, told from its first bytes rather than from what the client
 * says (decision 168): a declared type is a claim, the magic number is the evidence.
 */
export const CONTENT_TYPES = ['application/zip', 'application/pdf', 'video/mp4'] as const;
export type ContentType = (typeof CONTENT_TYPES)[number];

/** How many leading bytes `sniffContentType` needs to decide (MP4's `ftyp` box sits at 4..8). */
export const SNIFF_BYTES = 12;

/** Why the store refused a package; the upload route maps each to its HTTP status. */
export type RefusalReason = 'too_large' | 'empty' | 'type_not_allowed' | 'type_mismatch' | 'type_unknown';

/** A package the store will not keep, with a message that names the limit or the type seen. */
export class ContentRefusedError extends DomainError {
  constructor(
    readonly reason: RefusalReason,
    message: string,
  ) {
    super('INVALID_INPUT', message, { content: [message] });
  }
}

const LABELS: Record<ContentType, string> = {
  'application/zip': 'ZIP',
  'application/pdf': 'PDF',
  'video/mp4': 'MP4',
};

/** Names clients send for the same thing (Windows browsers say x-zip-compressed). */
const ALIASES: Record<string, ContentType> = {
  'application/x-zip-compressed': 'application/zip',
  'application/x-zip': 'application/zip',
};

/** Declarations that say nothing about the bytes: the sniffed type decides alone. */
const UNSPECIFIC = new Set(['', 'application/octet-stream']);

const startsWith = (head: Uint8Array, ascii: string, at = 0) =>
  head.length >= at + ascii.length && [...ascii].every((ch, i) => head[at + i] === ch.charCodeAt(0));

/**
 * The type the leading bytes prove, or null. ZIP: a local file header `PK\x03\x04` (SCORM and
 * xAPI packages are ZIPs; an empty archive has nothing to teach). PDF: `%PDF-`. MP4: an
 * ISO base media `ftyp` box at offset 4.
 */
export function sniffContentType(head: Uint8Array): ContentType | null {
  if (startsWith(head, 'PK\x03\x04')) return 'application/zip';
  if (startsWith(head, '%PDF-')) return 'application/pdf';
  if (startsWith(head, 'ftyp', 4)) return 'video/mp4';
  return null;
}

function listOf(allowed: readonly ContentType[]): string {
  return allowed.map((type) => `${LABELS[type]} (${type})`).join(', ');
}

/** A declared media type without parameters, lower-case, aliases resolved; '' when none. */
export function normalizeDeclaredType(declared: string | undefined): string {
  const bare = (declared ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  return ALIASES[bare] ?? bare;
}

const quoted = (text: string) => JSON.stringify(text.length > 100 ? `${text.slice(0, 100)}…` : text);

/**
 * The declared type checked before any byte is read: null when it says nothing, else an
 * allowed type. Throws a refusal naming the type when it is not on the allow-list.
 */
export function checkDeclaredType(
  declared: string | undefined,
  allowed: readonly ContentType[],
): ContentType | null {
  const type = normalizeDeclaredType(declared);
  if (UNSPECIFIC.has(type)) return null;
  if ((allowed as readonly string[]).includes(type)) return type as ContentType;
  throw new ContentRefusedError(
    'type_not_allowed',
    `Content type ${quoted(type)} is not accepted; allowed: ${listOf(allowed)}`,
  );
}

/** The type the bytes prove, checked against the allow-list and the declaration; throws a refusal otherwise. */
export function checkSniffedType(
  head: Uint8Array,
  declared: ContentType | null,
  allowed: readonly ContentType[],
): ContentType {
  const seen = sniffContentType(head);
  if (seen === null) {
    throw new ContentRefusedError(
      'type_unknown',
      `The content's first bytes match no accepted type; allowed: ${listOf(allowed)}`,
    );
  }
  if (declared !== null && declared !== seen) {
    throw new ContentRefusedError(
      'type_mismatch',
      `The content was declared as ${declared} but its bytes are ${LABELS[seen]} (${seen})`,
    );
  }
  if (!allowed.includes(seen)) {
    throw new ContentRefusedError(
      'type_not_allowed',
      `Content of type ${LABELS[seen]} (${seen}) is not accepted; allowed: ${listOf(allowed)}`,
    );
  }
  return seen;
}
