import { useQuery } from '@tanstack/react-query';
import { useParams } from '@tanstack/react-router';
import { useTRPC } from '../../lib/trpc';

/** The customer named in the URL (`/customers/$id…`). */
export function useCustomer() {
  const { id } = useParams({ strict: false });
  const trpc = useTRPC();
  const query = useQuery({ ...trpc.customers.get.queryOptions({ id: id ?? '' }), enabled: id !== undefined });
  return { id: id ?? '', query };
}
