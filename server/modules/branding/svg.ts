/**
 * An allow-list SVG sanitizer (decision 15x): the SVG is parsed by a small strict tokenizer and
 * written out again from elements and attributes on the lists below only, every value escaped.
 * Nothing outside the lists survives: no script or style element, no event handler, no
 * foreignObject, no reference outside the document (an href or url() that is not `#id`). A
 * DOCTYPE, entity declaration, CDATA section or unquoted attribute is refused, not repaired.
 * No maintained sanitizer (DOMPurify, sanitize-html) is among the dependencies, and an SVG
 * logo is a small, closed vocabulary.
 */

const ELEMENTS = new Set(
  'svg g path rect circle ellipse line polyline polygon text tspan defs linearGradient radialGradient stop clipPath mask title desc use symbol'.split(
    ' ',
  ),
);

const ATTRIBUTES = new Set(
  `id class d x y x1 y1 x2 y2 cx cy r rx ry fx fy dx dy width height viewBox points transform offset
  fill fill-opacity fill-rule stroke stroke-width stroke-opacity stroke-linecap stroke-linejoin
  stroke-miterlimit stroke-dasharray stroke-dashoffset opacity stop-color stop-opacity clip-path
  clip-rule mask gradientUnits gradientTransform spreadMethod clipPathUnits maskUnits
  preserveAspectRatio xmlns xmlns:xlink version font-family font-size font-weight font-style
  text-anchor dominant-baseline letter-spacing role aria-label aria-hidden focusable href xlink:href
  style xml:space`.split(/\s+/),
);

/** Inside these elements, text is kept (escaped); elsewhere it is whitespace only. */
const TEXT_ELEMENTS = new Set(['text', 'tspan', 'title', 'desc']);

export class SvgRefused extends Error {}

export interface SanitizedSvg {
  svg: string;
  /** What was taken out, e.g. 'element script', 'attribute onload', to tell whoever uploaded it. */
  removed: string[];
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decodeEntities(value: string): string {
  return value.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-zA-Z]+);/g, (_, ref: string) => {
    if (ref.startsWith('#x')) return String.fromCodePoint(parseInt(ref.slice(2), 16));
    if (ref.startsWith('#')) return String.fromCodePoint(parseInt(ref.slice(1), 10));
    const named = ENTITIES[ref];
    if (named === undefined) throw new SvgRefused(`The SVG uses an unknown entity &${ref};`);
    return named;
  });
}

const escapeXml = (value: string) =>
  value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** A reference stays only when it points inside the document. */
const isLocalRef = (value: string) => /^#[A-Za-z_][\w.-]*$/.test(value.trim());

/** Any url(…) must be url(#id); CSS with imports, escapes or expressions is dropped whole. */
function safeCssValue(value: string): boolean {
  if (/@import|expression|javascript:|\\|<|>/i.test(value)) return false;
  const urls = [...value.matchAll(/url\s*\(\s*['"]?([^'")]*)['"]?\s*\)/gi)];
  return urls.every((m) => isLocalRef(m[1] ?? ''));
}

function keepAttribute(name: string, value: string): boolean {
  if (!ATTRIBUTES.has(name)) return false;
  if (name === 'href' || name === 'xlink:href') return isLocalRef(value);
  return safeCssValue(value);
}

interface Tag {
  name: string;
  attributes: [string, string][];
  selfClosing: boolean;
}

const TAG = /^<([A-Za-z_][\w:.-]*)((?:\s+[A-Za-z_][\w:.-]*\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>/;
const ATTRIBUTE = /([A-Za-z_][\w:.-]*)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;

function readTag(source: string): { tag: Tag; length: number } {
  const match = TAG.exec(source);
  if (!match)
    throw new SvgRefused('The SVG is not well-formed (a tag could not be read; attributes need quotes)');
  const attributes = [...(match[2] ?? '').matchAll(ATTRIBUTE)].map(
    (m) => [m[1] ?? '', decodeEntities(m[2] ?? m[3] ?? '')] as [string, string],
  );
  return {
    tag: { name: match[1] ?? '', attributes, selfClosing: match[3] === '/' },
    length: match[0].length,
  };
}

/** Skips what may come before the root (an XML declaration, comments, whitespace). */
function prologEnd(source: string): number {
  let at = 0;
  for (;;) {
    const rest = source.slice(at);
    const space = /^\s+/.exec(rest);
    if (space) at += space[0].length;
    else if (rest.startsWith('<?xml')) at += rest.indexOf('?>') + 2 || source.length;
    else if (rest.startsWith('<!--')) at = source.indexOf('-->', at) + 3 || source.length;
    else return at;
  }
}

/** The SVG written out again with only what the lists allow; throws SvgRefused for what cannot be read safely. */
export function sanitizeSvg(source: string): SanitizedSvg {
  if (/<!DOCTYPE|<!ENTITY|<!\[CDATA\[/i.test(source)) {
    throw new SvgRefused(
      'The SVG has a DOCTYPE, an entity declaration or a CDATA section; save it as plain SVG',
    );
  }
  const removed = new Set<string>();
  const out: string[] = [];
  const open: { name: string; kept: boolean }[] = [];
  let at = prologEnd(source.replace(/^\uFEFF/, ''));
  source = source.replace(/^\uFEFF/, '');
  let sawRoot = false;
  while (at < source.length) {
    const rest = source.slice(at);
    const dropping = open.some((o) => !o.kept);
    if (rest.startsWith('<!--')) {
      const end = source.indexOf('-->', at);
      if (end < 0) throw new SvgRefused('The SVG has an unclosed comment');
      at = end + 3;
    } else if (rest.startsWith('<?')) {
      throw new SvgRefused('The SVG has a processing instruction inside it');
    } else if (rest.startsWith('</')) {
      const close = /^<\/([A-Za-z_][\w:.-]*)\s*>/.exec(rest);
      const top = open.pop();
      if (!close || !top || close[1] !== top.name)
        throw new SvgRefused('The SVG is not well-formed (tags do not match)');
      if (top.kept && !open.some((o) => !o.kept)) out.push(`</${top.name}>`);
      at += close[0].length;
    } else if (rest.startsWith('<')) {
      const { tag, length } = readTag(rest);
      at += length;
      if (!sawRoot && tag.name !== 'svg')
        throw new SvgRefused('The file is not an SVG (its root element is not <svg>)');
      if (sawRoot && open.length === 0) throw new SvgRefused('The SVG has more than one root element');
      sawRoot = true;
      const kept = !dropping && ELEMENTS.has(tag.name);
      if (!dropping && !kept) removed.add(`element ${tag.name}`);
      if (kept) out.push(writeTag(tag, open.length === 0, removed));
      if (!tag.selfClosing) open.push({ name: tag.name, kept });
    } else {
      const end = source.indexOf('<', at);
      const text = source.slice(at, end < 0 ? source.length : end);
      at += text.length;
      if (open.length === 0 && text.trim() !== '')
        throw new SvgRefused('The SVG has text outside its root element');
      const parent = open[open.length - 1];
      if (!dropping && parent && TEXT_ELEMENTS.has(parent.name)) out.push(escapeXml(decodeEntities(text)));
    }
  }
  if (!sawRoot) throw new SvgRefused('The file is not an SVG (no <svg> element)');
  if (open.length > 0) throw new SvgRefused('The SVG is not well-formed (an element is not closed)');
  return { svg: out.join(''), removed: [...removed] };
}

function writeTag(tag: Tag, root: boolean, removed: Set<string>): string {
  const kept = tag.attributes.filter(([name, value]) => {
    const keep = keepAttribute(name, value);
    if (!keep) removed.add(ATTRIBUTES.has(name) ? `${name}="${value.slice(0, 40)}"` : `attribute ${name}`);
    return keep;
  });
  if (root && !kept.some(([name]) => name === 'xmlns')) kept.unshift(['xmlns', 'http://www.w3.org/2000/svg']);
  if (root) {
    const xmlns = kept.find(([name]) => name === 'xmlns');
    if (xmlns) xmlns[1] = 'http://www.w3.org/2000/svg';
  }
  const attributes = kept.map(([name, value]) => ` ${name}="${escapeXml(value)}"`).join('');
  return `<${tag.name}${attributes}${tag.selfClosing ? '/>' : '>'}`;
}
