export { RECEIPT_HTML_CSP, renderReceiptHtml } from './html';
export { renderReceiptPdf, type ReceiptPdfOptions } from './pdf';
export type { ReceiptData } from './types';
