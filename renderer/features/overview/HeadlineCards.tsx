import { Anchor, Paper, SimpleGrid, Stack, Text, Tooltip } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import type { OverviewSearch } from '../../../shared/analytics/overview-search';
import { headlineCards, monthLabel, type Card } from './overview-text';
import type { Figures } from './types';

function HeadlineCard({ card, search, month }: { card: Card; search: OverviewSearch; month: string }) {
  const id = `headline-${card.key}`;
  return (
    <Paper withBorder radius="lg" p="md" data-testid={id}>
      <Stack gap={2}>
        <Tooltip label={card.hint} openDelay={300}>
          <Text size="xs" c="dimmed" tt="uppercase" fw={600} id={`${id}-label`}>
            {card.label}
          </Text>
        </Tooltip>
        {/* The figure opens the movements behind it: the month's, or one kind of them. */}
        <Anchor
          renderRoot={(props) => (
            <Link
              to="/overview/movements"
              search={{ ...search, from: month, to: month, kind: card.kind ?? undefined }}
              {...props}
            />
          )}
          fz={24}
          fw={650}
          c="var(--mantine-color-text)"
          className="tabular"
          aria-label={`${card.label} ${card.value} in ${monthLabel(month)}: show the movements behind it`}
          data-testid={`${id}-value`}
        >
          {card.value}
        </Anchor>
        <Text size="xs" c="dimmed">
          {card.change === null ? '—' : `${card.change} vs last month`}
        </Text>
      </Stack>
    </Paper>
  );
}

/** The last month's headline figures, each against the month before and each a way into its movements. */
export function HeadlineCards({
  current,
  previous,
  currency,
  search,
}: {
  current: Figures;
  previous: Figures | null;
  currency: string;
  search: OverviewSearch;
}) {
  return (
    <SimpleGrid
      cols={{ base: 2, sm: 3, lg: 5 }}
      spacing="md"
      aria-label={`Figures of ${monthLabel(current.month)}`}
    >
      {headlineCards(current, previous, currency).map((card) => (
        <HeadlineCard key={card.key} card={card} search={search} month={current.month} />
      ))}
    </SimpleGrid>
  );
}
