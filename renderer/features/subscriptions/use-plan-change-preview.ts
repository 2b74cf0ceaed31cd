import { keepPreviousData, skipToken, useQuery } from '@tanstack/react-query';
import { useDebouncedValue } from '@mantine/hooks';
import { useTRPC } from '../../lib/trpc';
import type { ChangeTiming } from './change-plan';

export interface PlanChangeChoice {
  priceId: string | null;
  quantity: number | null;
  /** Null until staff pick one: then the server applies its default for the kind of change. */
  timing: ChangeTiming | null;
}

/**
 * Asks the server what the chosen change would do, as the choice changes (debounced, so
 * typing a quantity asks once). `current` says whether the answer is for the choice on
 * screen now, which is what confirming requires.
 */
export function usePlanChangePreview(subscriptionId: string, choice: PlanChangeChoice) {
  const trpc = useTRPC();
  const [settled] = useDebouncedValue(choice, 250);
  const input =
    settled.priceId !== null && settled.quantity !== null
      ? {
          id: subscriptionId,
          priceId: settled.priceId,
          quantity: settled.quantity,
          ...(settled.timing ? { timing: settled.timing } : {}),
        }
      : skipToken;
  const query = useQuery({
    ...trpc.subscriptions.previewChange.queryOptions(input),
    placeholderData: keepPreviousData,
    retry: false,
    staleTime: 0,
  });
  const sameChoice =
    settled.priceId === choice.priceId &&
    settled.quantity === choice.quantity &&
    settled.timing === choice.timing;
  const current =
    sameChoice && input !== skipToken && query.isSuccess && !query.isPlaceholderData && !query.isFetching;
  return { query, current, asked: input !== skipToken };
}
