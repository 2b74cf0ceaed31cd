/** What other billing screens use from invoices; everything else here is the invoices' own. */
export { InvoiceStatusBadge } from './InvoiceStatusBadge';
export { InvoiceTable } from './InvoiceTable';
export { lineDescription } from './line-text';
