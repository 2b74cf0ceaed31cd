import { Alert, Badge, Group, Loader, Stack, Text, ThemeIcon } from '@mantine/core';
import { IconCheck, IconMinus } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import type { EntitlementSource } from '../../../shared/catalog/entitlements';
import { readServerProblem } from '../../lib/errors';
import { useTRPC } from '../../lib/trpc';
import { entitlementValue, entitlementWhy, sourceName } from './entitlement-text';
import { SubscriptionLink } from './links';
import { Section } from './Section';

/** One place features come from; a subscription that grants nothing is listed greyed, with why. */
function SourceLine({ source }: { source: EntitlementSource }) {
  return (
    <Group gap={8} wrap="nowrap">
      <Badge variant="dot" color={source.grants ? 'teal' : 'gray'} tt="none" fw={550} size="md">
        {sourceName(source)}
      </Badge>
      {source.kind === 'subscription' && (
        <Text size="xs" c="dimmed" truncate>
          <SubscriptionLink id={source.subscriptionId} size="xs">
            subscription
          </SubscriptionLink>{' '}
          {source.status.replace('_', ' ')}
          {source.grants ? '' : ' — grants nothing'}
        </Text>
      )}
    </Group>
  );
}

/** What the customer may use right now, feature by feature, and which plan says so. */
export function EntitlementsSection({ customerId }: { customerId: string }) {
  const trpc = useTRPC();
  const entitlements = useQuery(trpc.entitlements.forCustomer.queryOptions({ customerId }));
  const data = entitlements.data;
  return (
    <Section id="entitlements-title" title="Effective features">
      {entitlements.isPending && <Loader size="sm" aria-label="Loading features" />}
      {entitlements.error && <Alert color="red">{readServerProblem(entitlements.error).message}</Alert>}
      {data && data.sources.length > 0 && (
        <Stack gap={6} mb="md" role="group" aria-label="Where the features come from">
          {data.sources.map((source) => (
            <SourceLine key={source.label} source={source} />
          ))}
        </Stack>
      )}
      {data?.features.length === 0 && (
        <Text size="sm" c="dimmed">
          The workspace has no features defined.
        </Text>
      )}
      {data && (
        <Stack
          gap={10}
          component="ul"
          m={0}
          p={0}
          style={{ listStyle: 'none' }}
          aria-label="Features the customer has"
        >
          {data.features.map((feature) => (
            <Group key={feature.key} component="li" gap="sm" wrap="nowrap" align="flex-start">
              <ThemeIcon
                size={20}
                radius="xl"
                variant="light"
                color={feature.allowed ? 'teal' : 'gray'}
                mt={1}
                aria-hidden
              >
                {feature.allowed ? (
                  <IconCheck size={13} stroke={2.5} />
                ) : (
                  <IconMinus size={13} stroke={2.5} />
                )}
              </ThemeIcon>
              <Stack gap={0} style={{ minWidth: 0, flex: 1 }}>
                <Group justify="space-between" wrap="nowrap" gap="xs">
                  <Text size="sm" fw={550} c={feature.allowed ? undefined : 'dimmed'}>
                    {feature.name}
                  </Text>
                  <Text size="sm" fw={600} c={feature.allowed ? undefined : 'dimmed'} className="tabular">
                    {entitlementValue(feature)}
                  </Text>
                </Group>
                <Text size="xs" c="dimmed">
                  {entitlementWhy(feature, data.sources)}
                </Text>
              </Stack>
            </Group>
          ))}
        </Stack>
      )}
    </Section>
  );
}
