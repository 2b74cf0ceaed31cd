import { useQuery } from '@tanstack/react-query';
import { useParams } from '@tanstack/react-router';
import { useTRPC } from '../../lib/trpc';

/** The invoice named in the URL (`/invoices/$id`). */
export function useInvoice() {
  const { id } = useParams({ strict: false });
  const trpc = useTRPC();
  const query = useQuery({ ...trpc.invoices.get.queryOptions({ id: id ?? '' }), enabled: id !== undefined });
  return { id: id ?? '', query };
}
