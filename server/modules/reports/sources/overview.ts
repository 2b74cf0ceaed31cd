import { overviewInput } from '../../../../shared/analytics/overview-schema';
import { overviewReport } from '../analytics-report/overview-report';
import type { ExportSourceDef } from './types';

/**
 * The Overview as a file: its range and segment (the page's URL) as the view. The PDF carries
 * the headline figures, the charts and the tables; the XLSX a sheet per table; a CSV the MRR by
 * month, which reconciles start + movements + FX impact = end.
 */
export const overviewSource: ExportSourceDef<never> = {
  name: 'overview',
  list: 'analytics.overview',
  permission: 'billing.read',
  pageSize: 1,
  columns: [],
  labels: { from: 'From', to: 'To', segment: 'Segment' },
  report: (read, view) =>
    overviewReport(read.db, read.tenantId, overviewInput.parse(view), { now: read.now, title: 'Overview' }),
};
