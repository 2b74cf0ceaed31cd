import { ActionIcon, Badge, Button, Card, Group, Menu, Stack, Text, Title } from '@mantine/core';
import { IconArchive, IconDots, IconPencil, IconPlus, IconStar } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import type { Feature, PlanWithPrices } from '../../../shared/catalog/types';
import { notifyError, notifySuccess } from '../../lib/notify';
import { confirmAction } from '../../ui/confirm';
import { PlanFeatureList } from './PlanFeatureList';
import { PriceList } from './PriceList';
import { useArchivePlan, useSetDefaultPlan } from './use-catalog';

interface PlanCardProps {
  plan: PlanWithPrices;
  features: Feature[];
  /** The workspace's default plan, named when another plan takes its place. */
  defaultPlanName: string | null;
  /** Changes are offered only with billing.write, on an active plan of an active product. */
  editable: boolean;
  onEdit: () => void;
  onAddPrice: () => void;
}

function PlanMenu({ plan, defaultPlanName }: Pick<PlanCardProps, 'plan' | 'defaultPlanName'>) {
  const archivePlan = useArchivePlan();
  const setDefaultPlan = useSetDefaultPlan();
  const makeDefault = () =>
    confirmAction({
      title: `Make ${plan.name} the default plan?`,
      body: `Every customer without a subscription gets ${plan.name}'s features${
        defaultPlanName ? ` instead of ${defaultPlanName}'s` : ''
      }, starting now.`,
      confirmLabel: 'Make default',
      onConfirm: () =>
        setDefaultPlan.mutate(
          { id: plan.id },
          {
            onSuccess: () => notifySuccess('Default plan changed', `${plan.name} is now the default plan.`),
            onError: (error) => notifyError(error, 'Could not change the default plan'),
          },
        ),
    });
  const archive = () =>
    confirmAction({
      title: `Archive plan ${plan.name}?`,
      body: `New subscriptions can no longer choose ${plan.name} or its prices. Its subscribers keep the plan, its prices and its features. This cannot be undone.`,
      confirmLabel: 'Archive plan',
      destructive: true,
      onConfirm: () =>
        archivePlan.mutate(
          { id: plan.id },
          {
            onSuccess: () => notifySuccess('Plan archived', `${plan.name} takes no new subscribers.`),
            onError: (error) => notifyError(error, 'Could not archive the plan'),
          },
        ),
    });
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <ActionIcon variant="subtle" color="gray" aria-label={`More actions for ${plan.name}`}>
          <IconDots size={18} stroke={1.75} />
        </ActionIcon>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Item
          leftSection={<IconStar size={16} stroke={1.75} />}
          disabled={plan.isDefault}
          onClick={makeDefault}
        >
          Make default plan
        </Menu.Item>
        <Menu.Item
          color="red"
          leftSection={<IconArchive size={16} stroke={1.75} />}
          disabled={plan.isDefault}
          onClick={archive}
        >
          Archive plan
        </Menu.Item>
        {plan.isDefault && <Menu.Label>Make another plan the default to archive this one.</Menu.Label>}
      </Menu.Dropdown>
    </Menu>
  );
}

function CardSection({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Stack gap={8}>
      <Text size="xs" fw={650} c="dimmed" tt="uppercase" style={{ letterSpacing: 0.4 }}>
        {title}
      </Text>
      {children}
    </Stack>
  );
}

/** One plan: its badges, prices and what it includes, with the changes staff may make. */
export function PlanCard({ plan, features, defaultPlanName, editable, onEdit, onAddPrice }: PlanCardProps) {
  const archived = plan.status === 'archived';
  const headingId = `plan-${plan.id}`;
  return (
    <Card
      withBorder
      radius="lg"
      padding="lg"
      component="article"
      aria-labelledby={headingId}
      opacity={archived ? 0.72 : 1}
    >
      <Stack gap="md" h="100%">
        <Group justify="space-between" align="flex-start" wrap="nowrap" gap="xs">
          <Stack gap={2} style={{ minWidth: 0 }}>
            <Group gap={8}>
              <Title order={4} id={headingId}>
                {plan.name}
              </Title>
              {plan.isDefault && <Badge color="brand">Default</Badge>}
              {archived && <Badge color="gray">Archived</Badge>}
            </Group>
            <Text size="sm" c="dimmed" lineClamp={2}>
              {plan.description ?? 'No description'}
            </Text>
          </Stack>
          {editable && <PlanMenu plan={plan} defaultPlanName={defaultPlanName} />}
        </Group>
        <CardSection title="Prices">
          <PriceList prices={plan.prices} planName={plan.name} canArchive={editable} />
        </CardSection>
        <CardSection title="Features">
          <PlanFeatureList features={features} values={plan.features} planName={plan.name} />
        </CardSection>
        {editable && (
          <Group gap="xs" mt="auto" pt="xs">
            <Button
              size="xs"
              variant="light"
              leftSection={<IconPlus size={14} stroke={2} />}
              onClick={onAddPrice}
            >
              Add price
            </Button>
            <Button
              size="xs"
              variant="default"
              leftSection={<IconPencil size={14} stroke={1.75} />}
              onClick={onEdit}
            >
              Edit plan
            </Button>
          </Group>
        )}
      </Stack>
    </Card>
  );
}
