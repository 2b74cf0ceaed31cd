import { ActionIcon, Badge, Button, Group, Menu, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { IconArchive, IconDots, IconPlus } from '@tabler/icons-react';
import type { Feature, PlanWithPrices, ProductWithPlans } from '../../../shared/catalog/types';
import { notifyError, notifySuccess } from '../../lib/notify';
import { confirmAction } from '../../ui/confirm';
import { PlanCard } from './PlanCard';
import { useArchiveProduct } from './use-catalog';

interface ProductSectionProps {
  product: ProductWithPlans;
  features: Feature[];
  defaultPlanName: string | null;
  canWrite: boolean;
  onNewPlan: () => void;
  onEditPlan: (plan: PlanWithPrices) => void;
  onAddPrice: (plan: PlanWithPrices) => void;
}

function ArchiveProductMenu({ product }: { product: ProductWithPlans }) {
  const archiveProduct = useArchiveProduct();
  const archive = () =>
    confirmAction({
      title: `Archive ${product.name}?`,
      body: `No new plans start under ${product.name} and its prices take no new subscribers. Existing subscriptions keep their plans, prices and features. This cannot be undone.`,
      confirmLabel: 'Archive product',
      destructive: true,
      onConfirm: () =>
        archiveProduct.mutate(
          { id: product.id },
          {
            onSuccess: () => notifySuccess('Product archived', `${product.name} takes no new subscribers.`),
            onError: (error) => notifyError(error, 'Could not archive the product'),
          },
        ),
    });
  return (
    <Menu position="bottom-end">
      <Menu.Target>
        <ActionIcon variant="default" size="lg" aria-label={`More actions for ${product.name}`}>
          <IconDots size={18} stroke={1.75} />
        </ActionIcon>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Item color="red" leftSection={<IconArchive size={16} stroke={1.75} />} onClick={archive}>
          Archive product
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}

/** A product with its plans side by side, so their prices and features compare at a glance. */
export function ProductSection({
  product,
  features,
  defaultPlanName,
  canWrite,
  onNewPlan,
  onEditPlan,
  onAddPrice,
}: ProductSectionProps) {
  const active = product.status === 'active';
  const headingId = `product-${product.id}`;
  return (
    <Paper withBorder radius="lg" p="lg" component="section" aria-labelledby={headingId}>
      <Stack gap="md">
        <Group justify="space-between" align="flex-start" wrap="nowrap">
          <Stack gap={2} style={{ minWidth: 0 }}>
            <Group gap={8}>
              <Title order={3} fz="lg" id={headingId}>
                {product.name}
              </Title>
              {!active && <Badge color="gray">Archived</Badge>}
            </Group>
            {product.description && (
              <Text size="sm" c="dimmed">
                {product.description}
              </Text>
            )}
          </Stack>
          {canWrite && active && (
            <Group gap="xs" wrap="nowrap">
              <Button variant="default" leftSection={<IconPlus size={16} stroke={2} />} onClick={onNewPlan}>
                New plan
              </Button>
              <ArchiveProductMenu product={product} />
            </Group>
          )}
        </Group>
        {product.plans.length === 0 ? (
          <Text size="sm" c="dimmed">
            No active plans{canWrite && active ? ': add one to start selling this product.' : '.'}
          </Text>
        ) : (
          <SimpleGrid cols={{ base: 1, md: 2, xl: 3 }} spacing="md">
            {product.plans.map((plan) => (
              <PlanCard
                key={plan.id}
                plan={plan}
                features={features}
                defaultPlanName={defaultPlanName}
                editable={canWrite && active && plan.status === 'active'}
                onEdit={() => onEditPlan(plan)}
                onAddPrice={() => onAddPrice(plan)}
              />
            ))}
          </SimpleGrid>
        )}
      </Stack>
    </Paper>
  );
}
