import type { Kysely } from 'kysely';
import { MOVEMENT_KINDS } from '../../../../shared/analytics/formulas';
import { monthFigures, type OverviewMonth } from '../../../../shared/analytics/formulas-month';
import type { OverviewInput, Segment } from '../../../../shared/analytics/overview-schema';
import { headlineCards, monthLabel, percentText } from '../../../../shared/analytics/overview-text';
import type { DB } from '../../../db/schema';
import { analyticsOverview, listMovements, revenueByMonth, type MovementItem } from '../../analytics';
import type { Cell, TableColumn } from '../formats/types';
import type { ReportChart, ReportDocument, ReportTable } from './document';

/** The console's colours for each kind, as hex for the PDF. */
const KIND_COLORS = {
  new: '#12b886',
  expansion: '#228be6',
  reactivation: '#22b8cf',
  contraction: '#fd7e14',
  churn: '#fa5252',
} as const;
const KIND_NAMES = {
  new: 'New',
  expansion: 'Expansion',
  reactivation: 'Reactivation',
  contraction: 'Contraction',
  churn: 'Churn',
} as const;

type Overview = Awaited<ReturnType<typeof analyticsOverview>>;

const moneyColumn = (header: string): TableColumn => ({ header, kind: 'money', width: 12 });
const cash = (minor: number | null, currency: string): Cell => (minor === null ? null : { minor, currency });

function monthsTable(overview: Overview): ReportTable {
  const c = overview.currency;
  return {
    title: `MRR by month (${c})`,
    sheet: `MRR by month (${c})`,
    columns: [
      { header: 'Month', kind: 'text', width: 8 },
      moneyColumn('MRR at start'),
      ...MOVEMENT_KINDS.map((k) => moneyColumn(KIND_NAMES[k])),
      moneyColumn('FX impact'),
      moneyColumn('MRR at end'),
      { header: 'Customers', kind: 'number', width: 9 },
      { header: 'Cust. churn', kind: 'text', width: 8 },
      { header: 'Gross churn', kind: 'text', width: 8 },
      { header: 'Net churn', kind: 'text', width: 8 },
    ],
    rows: overview.months.map((m: OverviewMonth) => {
      const f = monthFigures(m);
      return [
        m.month,
        cash(m.mrrStart, c),
        ...MOVEMENT_KINDS.map((k) => cash(m.movements[k], c)),
        cash(m.fxImpact, c),
        cash(m.mrrEnd, c),
        m.customersEnd,
        percentText(f.customerChurnRate, 'en-US'),
        percentText(f.grossMrrChurn, 'en-US'),
        percentText(f.netMrrChurn, 'en-US'),
      ];
    }),
  };
}

function movementsChart(overview: Overview): ReportChart {
  return {
    title: `MRR movements by month (${overview.currency})`,
    currency: overview.currency,
    labels: overview.months.map((m) => monthLabel(m.month, 'en-US')),
    series: [
      ...MOVEMENT_KINDS.map((k) => ({
        name: KIND_NAMES[k],
        color: KIND_COLORS[k],
        values: overview.months.map((m) => m.movements[k]),
      })),
      { name: 'FX impact', color: '#adb5bd', values: overview.months.map((m) => m.fxImpact ?? 0) },
    ],
  };
}

type Revenue = Awaited<ReturnType<typeof revenueByMonth>>;

function revenueTable(revenue: Revenue): ReportTable {
  const c = revenue.reportingCurrency;
  return {
    title: `Revenue by month (${c})`,
    sheet: `Revenue by month (${c})`,
    columns: [
      { header: 'Month', kind: 'text', width: 8 },
      moneyColumn('Collected'),
      moneyColumn('Refunded'),
      moneyColumn('Disputed'),
      moneyColumn('Net'),
      { header: 'Every rate known', kind: 'text', width: 8 },
    ],
    rows: revenue.byMonth.map(({ month, reporting: r }) => [
      month,
      cash(r.collected, c),
      cash(r.refunded, c),
      cash(r.disputed, c),
      cash(r.net, c),
      r.complete ? 'yes' : 'no: see missing rates',
    ]),
  };
}

function revenueChart(revenue: Revenue): ReportChart {
  const c = revenue.reportingCurrency;
  const pick = (f: (r: Revenue['byMonth'][number]['reporting']) => number) =>
    revenue.byMonth.map((m) => f(m.reporting));
  return {
    title: `Revenue by month (${c})`,
    currency: c,
    labels: revenue.byMonth.map((m) => monthLabel(m.month, 'en-US')),
    series: [
      { name: 'Collected', color: '#12b886', values: pick((r) => r.collected) },
      { name: 'Refunded', color: '#fd7e14', values: pick((r) => -r.refunded) },
      { name: 'Disputed', color: '#fa5252', values: pick((r) => -r.disputed) },
    ],
  };
}

/** Every churn and contraction of the range, oldest first: who left or paid less, and why. */
async function lossesTable(db: Kysely<DB>, tenantId: string, input: OverviewInput): Promise<ReportTable> {
  const range =
    input.from === input.to
      ? monthLabel(input.from, 'en-US')
      : `${monthLabel(input.from, 'en-US')} to ${monthLabel(input.to, 'en-US')}`;
  const losses: MovementItem[] = [];
  for (const kind of ['churn', 'contraction'] as const) {
    let cursor: string | null = null;
    do {
      const page = await listMovements(db, tenantId, { ...input, kind }, cursor, 500);
      losses.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
  }
  losses.sort((a, b) => a.effectiveAt - b.effectiveAt || a.id.localeCompare(b.id));
  return {
    title: `Churn and contraction, ${range}`,
    sheet: 'Churn and contraction',
    columns: [
      { header: 'When (UTC)', kind: 'date', width: 11 },
      { header: 'Kind', kind: 'text', width: 8 },
      { header: 'Customer', kind: 'text', width: 16 },
      { header: 'Plan', kind: 'text', width: 10 },
      moneyColumn('Customer MRR before'),
      moneyColumn('Customer MRR after'),
      moneyColumn('Change'),
      { header: 'Subscription', kind: 'text', width: 14 },
      { header: 'Cause', kind: 'text', width: 14 },
    ],
    rows: losses.map((m) => [
      m.effectiveAt,
      KIND_NAMES[m.kind],
      m.customerName,
      m.planName ?? m.planId,
      cash(m.customerMrrBefore, m.currency),
      cash(m.customerMrrAfter, m.currency),
      cash(m.amount, m.currency),
      m.subscriptionId,
      m.causeId ? `${m.causeType} ${m.causeId}` : m.causeType,
    ]),
  };
}

async function filtersInWords(db: Kysely<DB>, tenantId: string, input: OverviewInput, currency: string) {
  const range =
    input.from === input.to
      ? monthLabel(input.from, 'en-US')
      : `${monthLabel(input.from, 'en-US')} to ${monthLabel(input.to, 'en-US')}`;
  const s: Segment = input.segment;
  const plan = s.plan
    ? await db
        .selectFrom('plans')
        .select('name')
        .where('tenant_id', '=', tenantId)
        .where('id', '=', s.plan)
        .executeTakeFirst()
    : undefined;
  return [
    range,
    plan ? `plan: ${plan.name}` : null,
    s.interval ? `billed every ${s.interval}` : null,
    s.country ? `country: ${s.country}` : null,
    s.source ? `managed by ${s.source === 'stripe' ? 'Stripe Billing' : 'Tollgate'}` : null,
    s.currency ? `${s.currency} only` : `every currency in ${currency}`,
  ]
    .filter((part) => part !== null)
    .join('; ');
}

/**
 * The Overview of `input` as a report: last month's headline figures against the month before,
 * the movements and revenue charts, MRR by month (reconciling start + movements + FX = end),
 * revenue by month and every churn and contraction behind them — the same queries the console's
 * Overview reads, so the file and the screen agree to the cent.
 */
export async function overviewReport(
  db: Kysely<DB>,
  tenantId: string,
  input: OverviewInput,
  options: {
    now: number;
    title: string;
    /** The losses table's first month (default: the range's). */ lossesFrom?: string;
  },
): Promise<ReportDocument> {
  const [overview, revenue, losses, tenant] = await Promise.all([
    analyticsOverview(db, tenantId, input),
    // The revenue report takes the Overview's own input (revenue-schema.ts).
    revenueByMonth({ db, tenantId, now: options.now }, input),
    lossesTable(db, tenantId, { ...input, from: options.lossesFrom ?? input.from }),
    db.selectFrom('tenants').select('name').where('id', '=', tenantId).executeTakeFirstOrThrow(),
  ]);
  const { current, previous } = overview.headline;
  return {
    workspace: tenant.name,
    title: options.title,
    filters: await filtersInWords(db, tenantId, input, overview.currency),
    generatedAt: options.now,
    figures: current
      ? headlineCards(current, previous, overview.currency, 'en-US').map((card) => ({
          label: card.label,
          value: card.value,
          change: card.change,
        }))
      : [],
    charts: [movementsChart(overview), revenueChart(revenue)],
    tables: [monthsTable(overview), revenueTable(revenue), losses],
  };
}
