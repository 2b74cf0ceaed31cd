import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTRPC } from '../../lib/trpc';
import { isUnfinished } from './export-text';

/** How often an unfinished export is asked about: progress moves by the page. */
export const PROGRESS_MS = 500;

/** One export, followed while it runs. */
export function useExportProgress(id: string | null) {
  const trpc = useTRPC();
  return useQuery({
    ...trpc.exports.get.queryOptions({ id: id ?? '' }),
    enabled: id !== null,
    refetchInterval: (query) => {
      const data = query.state.data;
      return data && !isUnfinished(data) ? false : PROGRESS_MS;
    },
  });
}

/** Cancel and delete, each refreshing the exports the screen shows. */
export function useExportActions() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const settle = { onSettled: () => queryClient.invalidateQueries({ queryKey: trpc.exports.pathKey() }) };
  return {
    cancel: useMutation(trpc.exports.cancel.mutationOptions(settle)),
    remove: useMutation(trpc.exports.delete.mutationOptions(settle)),
  };
}
