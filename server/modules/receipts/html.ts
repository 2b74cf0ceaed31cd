import { createHash } from 'node:crypto';
import { RECEIPT_CSS } from './html-styles';
import { markup, SafeHtml } from './safe-html';
import type { ReceiptData } from './types';
import { buildReceiptView, type ReceiptView } from './view';

/**
 * The policy the receipt carries and that a route serving it should send as a header:
 * nothing may load or run except the receipt's own stylesheet, pinned by hash.
 */
export const RECEIPT_HTML_CSP = `default-src 'none'; style-src 'sha256-${createHash('sha256')
  .update(RECEIPT_CSS)
  .digest('base64')}'; base-uri 'none'; form-action 'none'`;

// Our own constant, and <style> content is never entity-decoded, so it goes in unescaped,
// byte for byte what the CSP hash above was computed from.
const STYLE_ELEMENT = new SafeHtml(`<style>${RECEIPT_CSS}</style>`);

/** A standalone, printable HTML receipt: no scripts, no external resources. */
export function renderReceiptHtml(data: ReceiptData): string {
  const view = buildReceiptView(data);
  const page = markup`<!doctype html>
    <html lang="${view.locale}">
      <head>
        <meta charset="utf-8" />
        <meta http-equiv="Content-Security-Policy" content="${RECEIPT_HTML_CSP}" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>${view.title} · ${view.business.name}</title>
        ${STYLE_ELEMENT}
      </head>
      <body>
        <main class="receipt">
          ${header(view)}
          ${parties(view)}
          <p class="headline">${view.headline}</p>
          ${lineTable(view)}
          ${totalsTable(view)}
          ${paymentsSection(view)}
          ${refundsSection(view)}
          <footer class="footer">${view.footer.map((text) => markup`<p>${text}</p>`)}</footer>
        </main>
      </body>
    </html>
`;
  return page.value;
}

function header(view: ReceiptView): SafeHtml {
  return markup`<header class="header">
    <div>
      <div class="title-row">
        <h1 class="title">Receipt</h1>
        <span class="badge badge--${view.status}">${view.statusLabel}</span>
      </div>
      <dl class="details">
        ${view.details.map(
          (row) =>
            markup`<dt>${row.label}</dt>
              <dd>${row.value}</dd>`,
        )}
      </dl>
    </div>
    <div class="business-name">${view.business.name}</div>
  </header>`;
}

function parties(view: ReceiptView): SafeHtml {
  const { business, customer } = view;
  return markup`<section class="parties">
    <div class="party">
      <h2>From</h2>
      <p class="name">${business.name}</p>
      ${business.addressLines.map((line) => markup`<p>${line}</p>`)}
      ${business.email === null ? null : markup`<p class="muted">${business.email}</p>`}
    </div>
    <div class="party">
      <h2>Billed to</h2>
      <p class="name">${customer.name}</p>
      ${customer.company === null ? null : markup`<p>${customer.company}</p>`}
      <p class="muted">${customer.email}</p>
      <p>${customer.country}</p>
    </div>
  </section>`;
}

function lineTable(view: ReceiptView): SafeHtml {
  const description = (line: ReceiptView['lines'][number]) =>
    markup`${line.description}${line.detail === null ? null : markup`<span class="line-detail">${line.detail}</span>`}`;
  return dataTable(
    [
      { label: 'Description' },
      { label: 'Qty', numeric: true },
      { label: 'Unit price', numeric: true },
      { label: 'Amount', numeric: true },
    ],
    view.lines.map((line) => [description(line), line.quantity, line.unitPrice, line.amount]),
    'lines',
  );
}

function totalsTable(view: ReceiptView): SafeHtml {
  const rows = view.totals.map(
    (row) =>
      markup`<tr${row.emphasis ? markup` class="strong"` : null}><td>${row.label}</td><td class="num">${row.value}</td></tr>`,
  );
  return markup`<table class="totals">
    <tbody>
      ${rows}
    </tbody>
  </table>`;
}

function paymentsSection(view: ReceiptView): SafeHtml | null {
  if (view.payments.length === 0) return null;
  return section(
    'Payments',
    dataTable(
      [{ label: 'Date' }, { label: 'Method' }, { label: 'Status' }, { label: 'Amount', numeric: true }],
      view.payments.map((payment) => [payment.date, payment.method, payment.status, payment.amount]),
    ),
  );
}

function refundsSection(view: ReceiptView): SafeHtml | null {
  if (view.refunds.length === 0) return null;
  return section(
    'Refunds',
    dataTable(
      [{ label: 'Date' }, { label: 'Reason' }, { label: 'Amount', numeric: true }],
      view.refunds.map((refund) => [refund.date, refund.reason, refund.amount]),
    ),
  );
}

interface Column {
  label: string;
  /** Amounts and counts: right-aligned, so their digits line up. */
  numeric?: boolean;
}

type Cell = SafeHtml | string | number | null;

/** A table with a header row; every cell is escaped unless it is markup already. */
function dataTable(
  columns: readonly Column[],
  rows: readonly (readonly Cell[])[],
  className: string | null = null,
): SafeHtml {
  const head = columns.map((c) =>
    c.numeric ? markup`<th class="num">${c.label}</th>` : markup`<th>${c.label}</th>`,
  );
  const body = rows.map(
    (cells) =>
      markup`<tr>${cells.map((value, index) => (columns[index]?.numeric ? markup`<td class="num">${value}</td>` : markup`<td>${value}</td>`))}</tr>`,
  );
  return markup`<table${className === null ? null : markup` class="${className}"`}>
    <thead><tr>${head}</tr></thead>
    <tbody>${body}</tbody>
  </table>`;
}

function section(title: string, content: SafeHtml): SafeHtml {
  return markup`<section class="section">
    <h2>${title}</h2>
    ${content}
  </section>`;
}
