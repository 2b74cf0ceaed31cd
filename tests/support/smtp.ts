import type { AddressInfo } from 'node:net';
import { SMTPServer, type SMTPServerSession } from 'smtp-server';

/**
 * A real SMTP server (the `smtp-server` package) on 127.0.0.1 for tests, on a port picked
 * at run time. It keeps what arrived, decoded enough to assert on: headers, the plain-text
 * part and the HTML part. It never keeps the process alive, and `close()` stops it.
 */

export interface ReceivedEmail {
  envelopeFrom: string;
  envelopeTo: string[];
  headers: Record<string, string>;
  messageId: string;
  from: string;
  to: string;
  replyTo: string | null;
  subject: string;
  text: string;
  html: string;
  /** Parts sent as attachments, decoded to their bytes. */
  attachments: { filename: string; contentType: string; content: Buffer }[];
  /** Parts sent inline with a Content-ID (an HTML's `cid:` images), decoded to their bytes. */
  inline: { contentId: string; contentType: string; content: Buffer }[];
  /** The multipart types the message is built of, outermost first (`multipart/related`…). */
  multiparts: string[];
}

export interface TestSmtpServer {
  host: '127.0.0.1';
  port: number;
  received: ReceivedEmail[];
  /** The environment that points the app at this server. */
  env(from?: string): Record<string, string>;
  /** Refuses the next `count` messages with this SMTP reply (451: try later; 550: refused for good). */
  refuseNext(count: number, responseCode: number, message: string): void;
  /** How many messages were refused so far. */
  refusedCount(): number;
  close(): Promise<void>;
}

function unfold(head: string): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const line of head.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return headers;
}

function decodeQuotedPrintable(body: string): string {
  const text = body.replace(/=\r?\n/g, '');
  const bytes: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const hex = text[i] === '=' ? /^[0-9A-F]{2}/i.exec(text.slice(i + 1, i + 3)) : null;
    if (hex) {
      bytes.push(parseInt(hex[0], 16));
      i += 2;
    } else {
      bytes.push(...Buffer.from(text[i] ?? '', 'utf8'));
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

/** RFC 2047 encoded words (=?utf-8?Q?…?= / =?utf-8?B?…?=) in a header. */
function decodeWords(value: string): string {
  return value
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?utf-8\?([QB])\?([^?]*)\?=/gi, (_, kind: string, text: string) =>
      kind.toUpperCase() === 'B'
        ? Buffer.from(text, 'base64').toString('utf8')
        : decodeQuotedPrintable(text.replace(/_/g, ' ')),
    );
}

function decodeBody(headers: Record<string, string>, body: string): string {
  const encoding = (headers['content-transfer-encoding'] ?? '7bit').toLowerCase();
  if (encoding === 'base64') return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  if (encoding === 'quoted-printable') return decodeQuotedPrintable(body);
  return body;
}

function split(raw: string): { headers: Record<string, string>; body: string } {
  const at = raw.search(/\r?\n\r?\n/);
  const gap = /\r?\n\r?\n/.exec(raw)?.[0].length ?? 0;
  return at < 0
    ? { headers: unfold(raw), body: '' }
    : { headers: unfold(raw.slice(0, at)), body: raw.slice(at + gap) };
}

interface Leaves {
  text: string;
  html: string;
  attachments: ReceivedEmail['attachments'];
  inline: ReceivedEmail['inline'];
  multiparts: string[];
}

/** An attachment's bytes (base64 or quoted-printable as nodemailer writes them). */
function attachmentOf(headers: Record<string, string>, body: string): ReceivedEmail['attachments'][number] {
  const disposition = headers['content-disposition'] ?? '';
  const filename = /filename="?([^";]+)"?/i.exec(disposition)?.[1] ?? '';
  const encoding = (headers['content-transfer-encoding'] ?? '7bit').toLowerCase();
  const content =
    encoding === 'base64'
      ? Buffer.from(body.replace(/\s+/g, ''), 'base64')
      : Buffer.from(decodeBody(headers, body));
  return {
    filename: decodeWords(filename),
    contentType: (headers['content-type'] ?? '').split(';')[0] ?? '',
    content,
  };
}

/** The text/plain and text/html leaves and the attachments of a (possibly nested) MIME message. */
function leaves(headers: Record<string, string>, body: string, found: Leaves) {
  const type = headers['content-type'] ?? 'text/plain';
  const boundary = /boundary="?([^";]+)"?/i.exec(type)?.[1];
  if (type.toLowerCase().startsWith('multipart/') && boundary) {
    found.multiparts.push(type.split(';')[0]?.trim().toLowerCase() ?? '');
    for (const part of body.split(`--${boundary}`).slice(1)) {
      if (part.startsWith('--')) break;
      const inner = split(part.replace(/^\r?\n/, ''));
      leaves(inner.headers, inner.body.replace(/\r?\n$/, ''), found);
    }
  } else if ((headers['content-disposition'] ?? '').toLowerCase().startsWith('attachment')) {
    found.attachments.push(attachmentOf(headers, body));
  } else if (headers['content-id']) {
    const { contentType, content } = attachmentOf(headers, body);
    found.inline.push({ contentId: headers['content-id'].replace(/^<|>$/g, ''), contentType, content });
  } else if (type.toLowerCase().startsWith('text/html')) {
    found.html = decodeBody(headers, body);
  } else {
    found.text = decodeBody(headers, body);
  }
}

export function parseMessage(raw: string, session: SMTPServerSession): ReceivedEmail {
  const { headers, body } = split(raw);
  const found: Leaves = { text: '', html: '', attachments: [], inline: [], multiparts: [] };
  leaves(headers, body, found);
  return {
    envelopeFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
    envelopeTo: session.envelope.rcptTo.map((r) => r.address),
    headers,
    messageId: headers['message-id'] ?? '',
    from: decodeWords(headers.from ?? ''),
    to: decodeWords(headers.to ?? ''),
    replyTo: headers['reply-to'] ? decodeWords(headers['reply-to']) : null,
    subject: decodeWords(headers.subject ?? ''),
    text: found.text,
    html: found.html,
    attachments: found.attachments,
    inline: found.inline,
    multiparts: found.multiparts,
  };
}

export async function startSmtpServer(): Promise<TestSmtpServer> {
  const received: ReceivedEmail[] = [];
  let toRefuse = 0;
  let refused = 0;
  let refusal = { responseCode: 451, message: 'Try again later' };
  const server = new SMTPServer({
    // Plain SMTP on loopback: no certificate to trust, no login needed.
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onRcptTo(_address, _session, callback) {
      if (toRefuse > 0) {
        toRefuse--;
        refused++;
        const error = Object.assign(new Error(refusal.message), { responseCode: refusal.responseCode });
        callback(error);
        return;
      }
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        received.push(parseMessage(Buffer.concat(chunks).toString('utf8'), session));
        callback();
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  // A forgotten server never holds the test run open.
  server.server.unref();
  const port = (server.server.address() as AddressInfo).port;
  return {
    host: '127.0.0.1',
    port,
    received,
    env: (from = 'billing@tollgate.test') => ({
      SMTP_HOST: '127.0.0.1',
      SMTP_PORT: String(port),
      SMTP_SECURE: 'false',
      SMTP_FROM: from,
    }),
    refuseNext(count, responseCode, message) {
      toRefuse = count;
      refusal = { responseCode, message };
    },
    refusedCount: () => refused,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
