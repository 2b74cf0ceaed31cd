import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { BrandingFieldsInput } from '../../../shared/branding/schema';
import { useTRPC } from '../../lib/trpc';
import type { BrandingVersionRow, BrandingView } from './types';

/** Whose branding the editor shows: staff's view of the workspace or an account, or an account admin's own. */
export type BrandingScope = { kind: 'staff'; customerId: string | null } | { kind: 'account' };

export interface BrandingApi {
  view: { data: BrandingView | undefined; error: unknown };
  versions: BrandingVersionRow[];
  save(fields: BrandingFieldsInput): Promise<unknown>;
  publish(draftId: string): Promise<unknown>;
  restore(id: string): Promise<unknown>;
  busy: boolean;
}

/** The branding procedures of a scope, staff's (`branding.*`) or an account admin's (`accountBranding.*`). */
export function useBranding(scope: BrandingScope): BrandingApi {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const staff = scope.kind === 'staff';
  const input = { customerId: staff ? scope.customerId : null };
  const staffView = useQuery({ ...trpc.branding.get.queryOptions(input), enabled: staff });
  const staffVersions = useQuery({ ...trpc.branding.versions.queryOptions(input), enabled: staff });
  const ownView = useQuery({ ...trpc.accountBranding.get.queryOptions(), enabled: !staff });
  const ownVersions = useQuery({ ...trpc.accountBranding.versions.queryOptions(), enabled: !staff });
  const refresh = () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: trpc.branding.pathKey() }),
      queryClient.invalidateQueries({ queryKey: trpc.accountBranding.pathKey() }),
    ]);
  const opts = { onSettled: refresh };
  const save = useMutation(trpc.branding.saveDraft.mutationOptions(opts));
  const publish = useMutation(trpc.branding.publish.mutationOptions(opts));
  const restore = useMutation(trpc.branding.restore.mutationOptions(opts));
  const saveOwn = useMutation(trpc.accountBranding.saveDraft.mutationOptions(opts));
  const publishOwn = useMutation(trpc.accountBranding.publish.mutationOptions(opts));
  const restoreOwn = useMutation(trpc.accountBranding.restore.mutationOptions(opts));
  const view = staff ? staffView : ownView;
  return {
    view: { data: view.data, error: view.error },
    versions: (staff ? staffVersions.data : ownVersions.data) ?? [],
    save: (branding) =>
      staff ? save.mutateAsync({ ...input, branding }) : saveOwn.mutateAsync({ branding }),
    publish: (draftId) =>
      staff ? publish.mutateAsync({ ...input, draftId }) : publishOwn.mutateAsync({ draftId }),
    restore: (id) => (staff ? restore.mutateAsync({ id }) : restoreOwn.mutateAsync({ id })),
    busy: [save, publish, restore, saveOwn, publishOwn, restoreOwn].some((m) => m.isPending),
  };
}
