import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTRPC } from '../../lib/trpc';

/** The staff's commands on licenses; each refreshes every licenses view when it returns. */
export function useLicenseMutations() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const onSettled = () => queryClient.invalidateQueries({ queryKey: trpc.licenses.pathKey() });
  return {
    issue: useMutation(trpc.licenses.issue.mutationOptions({ onSettled })),
    suspend: useMutation(trpc.licenses.suspend.mutationOptions({ onSettled })),
    reinstate: useMutation(trpc.licenses.reinstate.mutationOptions({ onSettled })),
    renew: useMutation(trpc.licenses.renew.mutationOptions({ onSettled })),
    revoke: useMutation(trpc.licenses.revoke.mutationOptions({ onSettled })),
    downloadFile: useMutation(trpc.licenses.downloadFile.mutationOptions()),
  };
}
