import { Group, Stack, Text, ThemeIcon } from '@mantine/core';
import { IconCheck, IconMinus } from '@tabler/icons-react';
import type { Feature, PlanFeatureValues } from '../../../shared/catalog/types';
import { featureValueText, isIncluded } from './feature-text';

/** Every feature of the workspace with this plan's value, so plans compare line by line. */
export function PlanFeatureList({
  features,
  values,
  planName,
}: {
  features: Feature[];
  values: PlanFeatureValues;
  planName: string;
}) {
  if (features.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        No features defined yet.
      </Text>
    );
  }
  return (
    <Stack gap={6} component="dl" m={0} aria-label={`${planName} features`}>
      {features.map((feature) => {
        const value = values[feature.key];
        const included = isIncluded(feature.kind, value);
        return (
          <Group key={feature.key} justify="space-between" wrap="nowrap" gap="xs">
            {/* The term holds its icon: a `dl` admits only `dt`/`dd` in each of its `div` groups. */}
            <Group component="dt" gap={8} wrap="nowrap" style={{ minWidth: 0 }}>
              <ThemeIcon size={18} radius="xl" variant="light" color={included ? 'teal' : 'gray'} aria-hidden>
                {included ? <IconCheck size={12} stroke={2.5} /> : <IconMinus size={12} stroke={2.5} />}
              </ThemeIcon>
              <Text
                size="sm"
                c={included ? undefined : 'dimmed'}
                truncate
                title={feature.description ?? feature.key}
              >
                {feature.name}
              </Text>
            </Group>
            <Text
              component="dd"
              m={0}
              size="sm"
              fw={included ? 600 : 400}
              c={included ? undefined : 'dimmed'}
              className="tabular"
            >
              {featureValueText(feature.kind, value)}
            </Text>
          </Group>
        );
      })}
    </Stack>
  );
}
