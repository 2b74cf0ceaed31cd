import { useQuery } from '@tanstack/react-query';
import { useParams } from '@tanstack/react-router';
import { useTRPC } from '../../lib/trpc';

/** The license named in the URL (`/licenses/$id`). */
export function useLicense() {
  const { id } = useParams({ strict: false });
  const trpc = useTRPC();
  const query = useQuery({
    ...trpc.licenses.get.queryOptions({ id: id ?? '' }),
    enabled: id !== undefined,
  });
  return { id: id ?? '', query };
}
