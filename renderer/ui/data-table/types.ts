import type { QueryKey } from '@tanstack/react-query';
import type { ReactNode } from 'react';

/** One page of a keyset-paged list, as list procedures return it. */
export interface Page<Row> {
  items: Row[];
  /** Pass back for the next page; null on the last one. */
  nextCursor: string | null;
  /** How many rows match in all; servers send it on the first page only. */
  total: number | null;
  /** True when the server stopped counting at `total`: there are at least that many. */
  totalCapped?: boolean;
}

/** Fetches one page of the current view (its filters and sort already applied). */
export type FetchPage<Row> = (cursor: string | null, limit: number) => Promise<Page<Row>>;

/** Where a table's rows come from: a key naming the view, and how to page through it. */
export interface DataSource<Row> {
  /** Changes whenever filters or sort change, which restarts paging from the top. */
  queryKey: QueryKey;
  fetchPage: FetchPage<Row>;
}

export type SortDirection = 'asc' | 'desc';

export interface SortState {
  field: string;
  direction: SortDirection;
}

export interface DataColumn<Row> {
  id: string;
  header: string;
  cell: (row: Row) => ReactNode;
  /**
   * The export source's columns this one shows, by id (`exportColumnId`): omitted, the one
   * its header names; [] when the export has none of it.
   */
  exportAs?: readonly string[];
  /** The server-side sort field this column sorts by; absent when it cannot sort. */
  sortField?: string;
  /** The direction of the first click on the header; ascending unless said. */
  firstDirection?: SortDirection;
  /** The column's narrowest width in pixels; 140 unless said. */
  minWidth?: number;
  /** How much of the spare width the column takes, relative to others; 0 keeps it at minWidth. */
  grow?: number;
  align?: 'left' | 'right';
  /** False for the column that names the row, which must stay visible. */
  hideable?: boolean;
  /** When the window is too narrow for every shown column, higher stays longer; 0 unless said. */
  fitPriority?: number;
  defaultHidden?: boolean;
}

export interface Noun {
  one: string;
  other: string;
}
