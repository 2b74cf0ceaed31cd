import { Group, Select } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { addMonths } from '../../../shared/analytics/overview-months';
import { MAX_RANGE_MONTHS } from '../../../shared/analytics/overview-schema';
import type { Segment } from '../../../shared/analytics/overview-schema';
import type { OverviewSearch } from '../../../shared/analytics/overview-search';
import { countryName } from '../../lib/format';
import { useTRPC } from '../../lib/trpc';
import { monthLabel } from './overview-text';

const INTERVAL_LABELS: Record<string, string> = { month: 'Monthly', year: 'Yearly' };
const SOURCE_LABELS: Record<string, string> = { tollgate: 'Tollgate', stripe: 'Stripe Billing' };

/** Months a range can start or end on: five years back from the current one, newest first. */
function monthOptions(current: string) {
  return Array.from({ length: MAX_RANGE_MONTHS }, (_, i) => {
    const month = addMonths(current, -i);
    return { value: month, label: monthLabel(month) };
  });
}

/**
 * The range and segment filters. They live in the URL: `onChange` gets the fields to change
 * (undefined removes one), so a reload, a link or Back shows the same view.
 */
export function OverviewFilters({
  view,
  currentMonth,
  onChange,
}: {
  view: { from: string; to: string; segment: Segment };
  currentMonth: string;
  onChange: (patch: Partial<OverviewSearch>) => void;
}) {
  const trpc = useTRPC();
  const values = useQuery(trpc.analytics.segments.queryOptions()).data;
  const months = monthOptions(currentMonth);
  const pick = (label: string, key: keyof Segment, data: { value: string; label: string }[], all: string) => (
    <Select
      label={label}
      size="xs"
      w={160}
      data={data}
      value={view.segment[key] ?? null}
      placeholder={all}
      clearable
      searchable={data.length > 8}
      onChange={(value) => onChange({ [key]: value ?? undefined })}
    />
  );
  return (
    <Group gap="sm" align="flex-end" role="group" aria-label="Overview filters">
      <Select
        label="From"
        size="xs"
        w={130}
        data={months}
        value={view.from}
        allowDeselect={false}
        onChange={(value) => value && onChange({ from: value })}
      />
      <Select
        label="To"
        size="xs"
        w={130}
        data={months}
        value={view.to}
        allowDeselect={false}
        onChange={(value) => value && onChange({ to: value })}
      />
      {pick(
        'Plan',
        'plan',
        (values?.plans ?? []).map((p) => ({
          value: p.id,
          label: p.archived ? `${p.name} (archived)` : p.name,
        })),
        'All plans',
      )}
      {pick(
        'Interval',
        'interval',
        (values?.intervals ?? []).map((i) => ({ value: i, label: INTERVAL_LABELS[i] ?? i })),
        'All intervals',
      )}
      {pick(
        'Currency',
        'currency',
        (values?.currencies ?? []).map((c) => ({ value: c, label: c })),
        'All, converted',
      )}
      {pick(
        'Country',
        'country',
        (values?.countries ?? []).map((c) => ({ value: c, label: countryName(c) })),
        'All countries',
      )}
      {pick(
        'Source',
        'source',
        (values?.sources ?? []).map((s) => ({ value: s, label: SOURCE_LABELS[s] ?? s })),
        'All sources',
      )}
    </Group>
  );
}
