import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTRPC } from '../../lib/trpc';

/** The settings commands; the settings, the rates and the Overview refresh when one returns. */
export function useAnalyticsSettingsMutations() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const onSettled = async () => {
    await Promise.all([
      queryClient.invalidateQueries(trpc.analyticsSettings.pathFilter()),
      queryClient.invalidateQueries(trpc.analytics.pathFilter()),
    ]);
  };
  return {
    update: useMutation(trpc.analyticsSettings.update.mutationOptions({ onSettled })),
    startRebuild: useMutation(trpc.analyticsSettings.startRebuild.mutationOptions({ onSettled })),
    setFxRate: useMutation(trpc.analyticsSettings.setFxRate.mutationOptions({ onSettled })),
    importFxRates: useMutation(trpc.analyticsSettings.importFxRates.mutationOptions({ onSettled })),
  };
}
