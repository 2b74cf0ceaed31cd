import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTRPC } from '../../lib/trpc';

/** The whole catalog in one answer: features, and products with their plans and prices. */
export function useCatalog(includeArchived: boolean) {
  const trpc = useTRPC();
  return useQuery(trpc.catalog.overview.queryOptions({ includeArchived }));
}

/**
 * After any catalog command: the catalog (both archived views) and what customers are
 * entitled to, since a plan's feature values and the default plan decide that.
 */
function useRefetchCatalog() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries(trpc.catalog.pathFilter()),
      queryClient.invalidateQueries(trpc.entitlements.pathFilter()),
    ]);
}

export function useCreateFeature() {
  const onSuccess = useRefetchCatalog();
  return useMutation(useTRPC().catalog.createFeature.mutationOptions({ onSuccess }));
}

export function useCreateProduct() {
  const onSuccess = useRefetchCatalog();
  return useMutation(useTRPC().catalog.createProduct.mutationOptions({ onSuccess }));
}

export function useArchiveProduct() {
  const onSuccess = useRefetchCatalog();
  return useMutation(useTRPC().catalog.archiveProduct.mutationOptions({ onSuccess }));
}

export function useCreatePlan() {
  const onSuccess = useRefetchCatalog();
  return useMutation(useTRPC().catalog.createPlan.mutationOptions({ onSuccess }));
}

export function useUpdatePlan() {
  const onSuccess = useRefetchCatalog();
  return useMutation(useTRPC().catalog.updatePlan.mutationOptions({ onSuccess }));
}

export function useArchivePlan() {
  const onSuccess = useRefetchCatalog();
  return useMutation(useTRPC().catalog.archivePlan.mutationOptions({ onSuccess }));
}

export function useSetDefaultPlan() {
  const onSuccess = useRefetchCatalog();
  return useMutation(useTRPC().catalog.setDefaultPlan.mutationOptions({ onSuccess }));
}

export function useCreatePrice() {
  const onSuccess = useRefetchCatalog();
  return useMutation(useTRPC().catalog.createPrice.mutationOptions({ onSuccess }));
}

export function useArchivePrice() {
  const onSuccess = useRefetchCatalog();
  return useMutation(useTRPC().catalog.archivePrice.mutationOptions({ onSuccess }));
}
