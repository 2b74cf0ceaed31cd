import type { ExportSource } from '../../../../shared/exports/schema';
import { invoicesSource, paymentsSource, subscriptionsSource } from './billing';
import { licensesSource } from './licenses';
import { movementsSource } from './movements';
import { overviewSource } from './overview';
import { recoveriesSource } from './recoveries';
import { auditSource, customersSource, emailsSource, stripeEventsSource } from './others';
import type { ExportSourceDef } from './types';

/** Every list an export can read, by name. */
export const EXPORT_SOURCE_DEFS: Record<ExportSource, ExportSourceDef<never>> = {
  customers: customersSource,
  subscriptions: subscriptionsSource,
  invoices: invoicesSource,
  payments: paymentsSource,
  emails: emailsSource,
  stripeEvents: stripeEventsSource,
  audit: auditSource,
  movements: movementsSource,
  recoveries: recoveriesSource,
  licenses: licensesSource,
  overview: overviewSource,
};

export { tableColumns, type ExportSourceDef, type ReportReader, type SourceColumn } from './types';
