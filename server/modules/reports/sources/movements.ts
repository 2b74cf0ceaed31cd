import { amountHeader, money, type ExportSourceDef } from './types';

/** Fields the export reads from analytics.movements items (server/modules/analytics: MovementItem). */
interface MovementItem {
  id: string;
  kind: string;
  effectiveAt: number;
  month: string;
  customerName: string;
  subscriptionId: string;
  planName: string | null;
  interval: string;
  source: string;
  country: string;
  currency: string;
  amount: number;
  subscriptionMrrBefore: number;
  subscriptionMrrAfter: number;
  causeType: string;
  causeId: string | null;
}

/** The MRR movements behind an Overview figure: a range of months, a segment, optionally one kind. */
export const movementsSource: ExportSourceDef<MovementItem> = {
  name: 'movements',
  list: 'analytics.movements',
  permission: 'billing.read',
  pageSize: 500,
  columns: [
    { header: 'Effective (UTC)', kind: 'date', width: 16, value: (r) => r.effectiveAt },
    { header: 'Month', kind: 'text', width: 8, value: (r) => r.month },
    { header: 'Kind', kind: 'text', width: 12, value: (r) => r.kind },
    { header: 'Customer', kind: 'text', width: 22, value: (r) => r.customerName },
    { header: 'Plan', kind: 'text', width: 14, value: (r) => r.planName },
    { header: 'Interval', kind: 'text', width: 8, value: (r) => r.interval },
    { header: 'Country', kind: 'text', width: 7, value: (r) => r.country },
    {
      header: amountHeader('MRR change'),
      kind: 'money',
      width: 12,
      value: (r) => money(r.amount, r.currency),
    },
    {
      header: amountHeader('Subscription MRR before'),
      kind: 'money',
      width: 12,
      value: (r) => money(r.subscriptionMrrBefore, r.currency),
    },
    {
      header: amountHeader('Subscription MRR after'),
      kind: 'money',
      width: 12,
      value: (r) => money(r.subscriptionMrrAfter, r.currency),
    },
    { header: 'Currency', kind: 'text', width: 8, value: (r) => r.currency },
    { header: 'Source', kind: 'text', width: 8, value: (r) => r.source },
    { header: 'Cause', kind: 'text', width: 14, value: (r) => r.causeType },
    { header: 'Cause ID', kind: 'text', width: 30, printed: false, value: (r) => r.causeId },
    { header: 'Subscription', kind: 'text', width: 30, printed: false, value: (r) => r.subscriptionId },
    { header: 'ID', kind: 'text', width: 30, printed: false, value: (r) => r.id },
  ],
};
