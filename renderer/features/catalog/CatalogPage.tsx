import { Alert, Button, Center, Loader, Stack, Switch } from '@mantine/core';
import { useDisclosure, useDocumentTitle } from '@mantine/hooks';
import { IconPlus } from '@tabler/icons-react';
import { useNavigate, useSearch } from '@tanstack/react-router';
import { useState } from 'react';
import type { CatalogOverview, PlanWithPrices } from '../../../shared/catalog/types';
import { readServerProblem } from '../../lib/errors';
import { useCan } from '../../shell/session';
import { PageHeader } from '../../ui/PageHeader';
import { FeatureFormModal } from './FeatureFormModal';
import { FeatureTable } from './FeatureTable';
import { PlanFormModal, type PlanEditorTarget } from './PlanFormModal';
import { PriceFormModal } from './PriceFormModal';
import { ProductFormModal } from './ProductFormModal';
import { ProductSection } from './ProductSection';
import { useCatalog } from './use-catalog';

const allPlans = (catalog: CatalogOverview | undefined) => catalog?.products.flatMap((p) => p.plans) ?? [];

export function CatalogPage() {
  const search = useSearch({ from: '/catalog' });
  const navigate = useNavigate({ from: '/catalog' });
  const showArchived = search.archived === true;
  const catalog = useCatalog(showArchived);
  const canWrite = useCan('billing.write');
  const [featureOpen, featureModal] = useDisclosure(false);
  const [productOpen, productModal] = useDisclosure(false);
  const [planTarget, setPlanTarget] = useState<PlanEditorTarget | null>(null);
  const [pricePlanId, setPricePlanId] = useState<string | null>(null);
  useDocumentTitle('Plans & prices · Tollgate');

  const plans = allPlans(catalog.data);
  const defaultPlanName = plans.find((plan) => plan.isDefault)?.name ?? null;
  const pricePlan = plans.find((plan) => plan.id === pricePlanId) ?? null;

  /** After a conflict: the newest catalog, and the edited plan as it is now. */
  const reloadEditedPlan = async () => {
    const { data } = await catalog.refetch();
    const fresh = allPlans(data).find(
      (plan) => planTarget?.kind === 'edit' && plan.id === planTarget.plan.id,
    );
    setPlanTarget(fresh ? { kind: 'edit', plan: fresh } : null);
  };

  const newPlan = (product: CatalogOverview['products'][number]) =>
    setPlanTarget({ kind: 'create', product, sortOrder: product.plans.length });

  return (
    <Stack gap="lg">
      <PageHeader
        title="Plans & prices"
        description="What you sell: products, their plans, what each plan includes and the prices customers subscribe at."
        actions={
          <>
            <Switch
              label="Show archived"
              checked={showArchived}
              onChange={(event) =>
                void navigate({
                  search: event.currentTarget.checked ? { archived: true } : {},
                  replace: true,
                })
              }
              mr="xs"
            />
            {canWrite && (
              <Button leftSection={<IconPlus size={16} stroke={2} />} onClick={productModal.open}>
                New product
              </Button>
            )}
          </>
        }
      />
      {catalog.isPending && (
        <Center mih={240}>
          <Loader aria-label="Loading plans and prices" />
        </Center>
      )}
      {catalog.error && (
        <Alert color="red" title="Cannot show the catalog" maw={560}>
          {readServerProblem(catalog.error).message}
        </Alert>
      )}
      {catalog.data && (
        <>
          {catalog.data.products.length === 0 && (
            <Alert color="gray" title="No products yet">
              Create a product, then add plans and prices to it.
            </Alert>
          )}
          {catalog.data.products.map((product) => (
            <ProductSection
              key={product.id}
              product={product}
              features={catalog.data.features}
              defaultPlanName={defaultPlanName}
              canWrite={canWrite}
              onNewPlan={() => newPlan(product)}
              onEditPlan={(plan: PlanWithPrices) => setPlanTarget({ kind: 'edit', plan })}
              onAddPrice={(plan: PlanWithPrices) => setPricePlanId(plan.id)}
            />
          ))}
          <FeatureTable
            features={catalog.data.features}
            action={
              canWrite && (
                <Button
                  variant="default"
                  leftSection={<IconPlus size={16} stroke={2} />}
                  onClick={featureModal.open}
                >
                  New feature
                </Button>
              )
            }
          />
          <PlanFormModal
            target={planTarget}
            features={catalog.data.features}
            onClose={() => setPlanTarget(null)}
            onReload={reloadEditedPlan}
          />
        </>
      )}
      <PriceFormModal plan={pricePlan} onClose={() => setPricePlanId(null)} />
      <FeatureFormModal opened={featureOpen} onClose={featureModal.close} />
      <ProductFormModal opened={productOpen} onClose={productModal.close} />
    </Stack>
  );
}
