/**
 * Images an email's HTML carries as data: URLs (a branded header's logo) leave as inline
 * parts of the message, referenced by `cid:` (RFC 2392): Gmail and Outlook block data: URLs in
 * HTML, but show an image part of a multipart/related message. The outbox row keeps the data:
 * URL (the Emails page's preview shows it as is), so the bytes are stored once and the parts
 * are made when the email is handed to SMTP.
 */

export interface InlineImage {
  /** The Content-ID, without angle brackets: `src="cid:<cid>"` names it. */
  cid: string;
  filename: string;
  contentType: string;
  content: Buffer;
}

const DATA_IMAGE = /src="data:(image\/(?:png|svg\+xml|jpeg|gif));base64,([A-Za-z0-9+/]+={0,2})"/g;
const EXTENSION: Record<string, string> = {
  'image/png': 'png',
  'image/svg+xml': 'svg',
  'image/jpeg': 'jpg',
  'image/gif': 'gif',
};

/** The HTML with each data: image replaced by a `cid:` reference, and the parts to send with it. */
export function inlineImages(html: string, messageId: string): { html: string; images: InlineImage[] } {
  // The message's own domain keeps the Content-ID globally unique, as RFC 2392 asks.
  const domain = /@([^>]+)>?$/.exec(messageId)?.[1] ?? 'tollgate.invalid';
  const byUrl = new Map<string, InlineImage>();
  const rewritten = html.replace(DATA_IMAGE, (_match, contentType: string, base64: string) => {
    const url = `${contentType},${base64}`;
    let image = byUrl.get(url);
    if (!image) {
      const n = byUrl.size + 1;
      image = {
        cid: `image${n}@${domain}`,
        filename: `logo${n === 1 ? '' : `-${n}`}.${EXTENSION[contentType] ?? 'img'}`,
        contentType,
        content: Buffer.from(base64, 'base64'),
      };
      byUrl.set(url, image);
    }
    return `src="cid:${image.cid}"`;
  });
  return { html: rewritten, images: [...byUrl.values()] };
}
