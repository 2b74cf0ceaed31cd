import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTRPC } from '../../lib/trpc';

/**
 * The staff's commands on licenses; each that changes one refreshes every licenses view when
 * it returns. Those that answer with a key or a file's text keep no answer once their screen
 * is gone (`gcTime: 0`): a key is shown in its dialog and nowhere else.
 */
export function useLicenseMutations() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const onSettled = () => queryClient.invalidateQueries({ queryKey: trpc.licenses.pathKey() });
  const forget = { gcTime: 0 };
  return {
    issue: useMutation(trpc.licenses.issue.mutationOptions({ onSettled, ...forget })),
    suspend: useMutation(trpc.licenses.suspend.mutationOptions({ onSettled })),
    reinstate: useMutation(trpc.licenses.reinstate.mutationOptions({ onSettled })),
    renew: useMutation(trpc.licenses.renew.mutationOptions({ onSettled })),
    revoke: useMutation(trpc.licenses.revoke.mutationOptions({ onSettled })),
    transfer: useMutation(trpc.licenses.transfer.mutationOptions({ onSettled })),
    relink: useMutation(trpc.licenses.relink.mutationOptions({ onSettled })),
    revealKey: useMutation(trpc.licenses.revealKey.mutationOptions(forget)),
    rekey: useMutation(trpc.licenses.rekey.mutationOptions({ onSettled, ...forget })),
    downloadFile: useMutation(trpc.licenses.downloadFile.mutationOptions(forget)),
    machineFile: useMutation(trpc.licenses.machineFile.mutationOptions(forget)),
    activateOffline: useMutation(trpc.licenses.activateOffline.mutationOptions({ onSettled, ...forget })),
  };
}
