/** What other billing screens use from invoices; everything else here is the invoices' own. */
export { decimalAmount } from './decimal';
export { InvoiceStatusBadge } from './InvoiceStatusBadge';
export { InvoiceTable } from './InvoiceTable';
export { periodText } from './period-text';
export { useRefreshBilling } from './refresh-billing';
export { CustomerSelect, type CustomerOption } from './CustomerSelect';
export { lineDescription } from './line-text';
