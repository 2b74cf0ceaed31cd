import { useQuery } from '@tanstack/react-query';
import { useParams } from '@tanstack/react-router';
import { useTRPC } from '../../lib/trpc';

/** The subscription named in the URL (`/subscriptions/$id`). */
export function useSubscription() {
  const { id } = useParams({ strict: false });
  const trpc = useTRPC();
  const query = useQuery({
    ...trpc.subscriptions.get.queryOptions({ id: id ?? '' }),
    enabled: id !== undefined,
  });
  return { id: id ?? '', query };
}
