import { BRAND_COLOR } from '../../../../shared/emails/schema';
import { html, type SafeHtml } from './html';

/** How a tenant's emails look: its name at the top, its colour, its footer. */
export interface Brand {
  senderName: string;
  brandColor: string;
  footerText: string;
  /**
   * An account's published white-label branding (server/modules/branding), for emails sent for
   * that account: its product name and logo in the header, its colours in the body, its domain
   * in the footer. Absent: the workspace's sender settings alone.
   */
  whiteLabel?: WhiteLabel;
}

export interface WhiteLabel {
  productName: string;
  /** data: URL of a PNG or sanitized SVG, or null. */
  logo: string | null;
  background: string;
  text: string;
  customDomain: string | null;
}

/** Only a data: URL of the two checked types lands in the src attribute (checked where stored, and here). */
const LOGO_URL = /^data:image\/(png|svg\+xml);base64,[A-Za-z0-9+/]+={0,2}$/;

/** What an email says, once; the HTML and the plain-text versions are both drawn from it. */
export interface EmailContent {
  subject: string;
  heading: string;
  paragraphs: string[];
  /** Label and value pairs: the invoice number, the amount, the date. */
  facts?: { label: string; value: string }[];
  /** Itemised lines, as on a receipt. */
  lines?: { description: string; amount: string }[];
  /** A short closing line in bold, e.g. what the reader should do next. */
  callout?: string;
}

export interface RenderedEmail {
  subject: string;
  html: string;
  text: string;
}

export const DEFAULT_BRAND_COLOR = '#1c7ed6';

/** Black or white, whichever reads better on the brand colour (WCAG relative luminance). */
function inkOn(color: string): string {
  const channel = (hex: string) => {
    const c = parseInt(hex, 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  const l =
    0.2126 * channel(color.slice(1, 3)) +
    0.7152 * channel(color.slice(3, 5)) +
    0.0722 * channel(color.slice(5, 7));
  return l > 0.179 ? '#000000' : '#ffffff';
}

function factsTable(rows: { label: string; value: string }[], cell: string): SafeHtml {
  return html`<table role="presentation" style="width:100%;border-collapse:collapse;margin:16px 0">
    ${rows.map(
      (r) =>
        html`<tr>
          <td style="${cell};color:#666666">${r.label}</td>
          <td style="${cell};text-align:right;font-weight:600">${r.value}</td>
        </tr>`,
    )}
  </table>`;
}

/** The header's content: the white-label logo and product name, else the sender's name. */
function header(brand: Brand): SafeHtml | string {
  const label = brand.whiteLabel?.productName ?? brand.senderName;
  const logo = brand.whiteLabel?.logo;
  if (!logo || !LOGO_URL.test(logo)) return label;
  return html`<img
      src="${logo}"
      alt=""
      height="28"
      style="height:28px;vertical-align:middle;margin-right:10px"
    />${label}`;
}

function renderHtml(brand: Brand, content: EmailContent): string {
  // Validated on the way in; checked again because it lands inside a style attribute.
  const color = BRAND_COLOR.test(brand.brandColor) ? brand.brandColor : DEFAULT_BRAND_COLOR;
  const safe = (value: string | undefined, fallback: string) =>
    value !== undefined && BRAND_COLOR.test(value) ? value : fallback;
  const paper = safe(brand.whiteLabel?.background, '#ffffff');
  const ink = safe(brand.whiteLabel?.text, '#1a1a1a');
  const domain = brand.whiteLabel?.customDomain;
  const cell = 'padding:8px 0;border-bottom:1px solid #eeeeee;font-size:14px';
  const body = html`<!doctype html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <title>${content.subject}</title>
      </head>
      <body
        style="margin:0;padding:24px;background:#f4f5f7;font-family:-apple-system,'Segoe UI',Helvetica,Arial,sans-serif;color:#1a1a1a"
      >
        <table
          role="presentation"
          style="max-width:560px;width:100%;margin:0 auto;background:${paper};color:${ink};border-radius:8px;border-collapse:separate;overflow:hidden"
        >
          <tr>
            <td
              style="background:${color};color:${inkOn(color)};padding:16px 24px;font-size:16px;font-weight:700"
            >
              ${header(brand)}
            </td>
          </tr>
          <tr>
            <td style="padding:24px">
              <h1 style="font-size:20px;margin:0 0 16px">${content.heading}</h1>
              ${content.paragraphs.map((p) => html`<p style="font-size:14px;line-height:1.5;margin:0 0 12px">${p}</p>`)}
              ${
                content.lines?.length
                  ? factsTable(
                      content.lines.map((l) => ({ label: l.description, value: l.amount })),
                      cell,
                    )
                  : ''
              }
              ${content.facts?.length ? factsTable(content.facts, cell) : ''}
              ${content.callout ? html`<p style="font-size:14px;font-weight:700;margin:16px 0 0">${content.callout}</p>` : ''}
            </td>
          </tr>
          <tr>
            <td
              style="padding:16px 24px;font-size:12px;color:${brand.whiteLabel ? ink : '#666666'};border-top:1px solid #eeeeee"
            >
              ${brand.footerText}${domain ? html`<br />https://${domain}` : ''}
            </td>
          </tr>
        </table>
      </body>
    </html> `;
  return body.value;
}

function renderText(brand: Brand, content: EmailContent): string {
  const block = (rows: { label: string; value: string }[]) =>
    rows.map((r) => `${r.label}: ${r.value}`).join('\n');
  const parts = [
    brand.whiteLabel?.productName ?? brand.senderName,
    content.heading,
    ...content.paragraphs,
    content.lines?.length ? block(content.lines.map((l) => ({ label: l.description, value: l.amount }))) : '',
    content.facts?.length ? block(content.facts) : '',
    content.callout ?? '',
    '--',
    brand.footerText,
    brand.whiteLabel?.customDomain ? `https://${brand.whiteLabel.customDomain}` : '',
  ];
  return `${parts.filter((p) => p !== '').join('\n\n')}\n`;
}

/** The email as sent: subject, HTML with the tenant's branding, and the plain-text twin. */
export function renderEmail(brand: Brand, content: EmailContent): RenderedEmail {
  // A header value: names inside it (a plan's, a tenant's) must not break it over lines.
  const subject = content.subject.replace(/\s+/g, ' ').trim();
  const oneLine = { ...content, subject };
  return { subject, html: renderHtml(brand, oneLine), text: renderText(brand, oneLine) };
}
