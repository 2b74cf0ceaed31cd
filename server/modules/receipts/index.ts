/** Receipts: an invoice rendered as the customer's receipt (PDF and HTML). */
export { receiptsRouter } from './router';
export { RECEIPT_HTML_CSP, renderReceiptHtml } from './html';
export { renderReceiptPdf, type ReceiptPdfOptions } from './pdf';
export type { ReceiptData } from './types';
export { toWinAnsi } from './pdf-text';
export { receiptFile } from './invoice-receipt';
