import { keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';
import { useCallback, useMemo } from 'react';
import type { DataSource, Page } from './types';

/** Rows the table asks for at a time while scrolling. */
export const PAGE_SIZE = 100;

/**
 * The view's rows, loaded page by page as the user scrolls. While a new view (search,
 * filter, sort) loads, the previous rows stay on screen instead of flashing empty.
 */
export function usePagedRows<Row>(source: DataSource<Row>) {
  const query = useInfiniteQuery({
    queryKey: source.queryKey,
    queryFn: ({ pageParam }): Promise<Page<Row>> => source.fetchPage(pageParam, PAGE_SIZE),
    initialPageParam: null as string | null,
    getNextPageParam: (last: Page<Row>) => last.nextCursor,
    placeholderData: keepPreviousData,
  });
  const { fetchNextPage, refetch } = query;
  const loadMore = useCallback(() => void fetchNextPage(), [fetchNextPage]);
  const retry = useCallback(() => void refetch(), [refetch]);
  const pages = query.data?.pages;
  const rows = useMemo(() => pages?.flatMap((page) => page.items) ?? [], [pages]);
  return {
    rows,
    total: pages?.[0]?.total ?? null,
    totalCapped: pages?.[0]?.totalCapped ?? false,
    isLoading: query.isPending,
    isRefreshing: query.isFetching && !query.isFetchingNextPage,
    isStale: query.isPlaceholderData,
    error: query.error,
    retry,
    hasMore: query.hasNextPage,
    isLoadingMore: query.isFetchingNextPage,
    loadMore,
  };
}
