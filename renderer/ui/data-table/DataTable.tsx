import { Alert, Button, Group, Text } from '@mantine/core';
import { useElementSize } from '@mantine/hooks';
import { getCoreRowModel, useReactTable, type ColumnDef } from '@tanstack/react-table';
import { useMemo, type ReactNode } from 'react';
import { readServerProblem } from '../../lib/errors';
import { countOf, formatCount } from '../../lib/format';
import { ColumnMenu } from './ColumnMenu';
import { useColumnVisibility } from './column-visibility';
import classes from './data-table.module.css';
import { exportColumnsOf } from './export-columns';
import { fitColumns } from './fit-columns';
import { Grid, LoadingRows } from './Grid';
import type { DataColumn, DataSource, Noun, SortState } from './types';
import { usePagedRows } from './use-paged-rows';

export interface DataTableProps<Row> {
  /** Names the table for remembering its column choice, e.g. "customers". */
  tableId: string;
  /** The accessible name of the grid. */
  label: string;
  columns: readonly DataColumn<Row>[];
  source: DataSource<Row>;
  getRowId: (row: Row) => string;
  sort: SortState;
  onSortChange: (sort: SortState) => void;
  onOpenRow: (row: Row) => void;
  noun: Noun;
  /** The page's filter controls, shown left of the count and table actions. */
  filters?: ReactNode;
  /** What to say when the view has no rows. */
  empty: ReactNode;
  /**
   * The page's Export menu, given the export columns of the columns the user shows (the
   * backend writes the whole view with exactly those).
   */
  exportMenu?: (columns: string[]) => ReactNode;
}

/**
 * A server-paged, server-sorted, virtualized table with column choice, and the page's Export
 * menu fed the columns shown. Pages supply the columns, the data source (filters applied) and filters.
 */
export function DataTable<Row>(props: DataTableProps<Row>) {
  const { columns, source } = props;
  const [visibility, setVisibility] = useColumnVisibility(props.tableId, columns);
  const paged = usePagedRows(source);

  const columnDefs = useMemo<ColumnDef<Row>[]>(
    () => columns.map((column) => ({ id: column.id, header: column.header })),
    [columns],
  );
  // The table model owns which columns show; rendering and paging are ours (virtualized, server-side).
  // Nothing below relies on the React Compiler memoizing this component, so skipping it is harmless.
  // eslint-disable-next-line react-hooks/incompatible-library
  const table = useReactTable({
    data: paged.rows,
    columns: columnDefs,
    state: { columnVisibility: visibility },
    onColumnVisibilityChange: setVisibility,
    getCoreRowModel: getCoreRowModel(),
    getRowId: props.getRowId,
    manualSorting: true,
    manualFiltering: true,
    manualPagination: true,
  });
  const byId = new Map(columns.map((column) => [column.id, column]));
  const visibleIds = table.getVisibleLeafColumns().map((column) => column.id);
  const visible = visibleIds.flatMap((id) => byId.get(id) ?? []);
  // On a narrow window the least telling columns step aside rather than the grid scrolling sideways.
  const frame = useElementSize();
  const fitted = fitColumns(visible, frame.width);

  const placeholder = paged.error ? (
    <div className={classes.overlay}>
      <Alert color="red" title={`Could not load ${props.noun.other}`} maw={520}>
        {readServerProblem(paged.error).message}
      </Alert>
      <Button variant="default" size="xs" onClick={paged.retry}>
        Try again
      </Button>
    </div>
  ) : paged.isLoading ? (
    <LoadingRows />
  ) : paged.rows.length === 0 ? (
    <div className={classes.overlay}>{props.empty}</div>
  ) : undefined;

  return (
    <>
      <Group justify="space-between" gap="sm" wrap="wrap">
        <Group gap="sm">{props.filters}</Group>
        <Group gap="sm" wrap="nowrap" ml="auto" style={{ flexShrink: 0 }}>
          <Text
            size="sm"
            c="dimmed"
            className="tabular"
            aria-live="polite"
            data-testid="row-count"
            style={{ whiteSpace: 'nowrap' }}
          >
            {paged.total === null
              ? ''
              : paged.totalCapped
                ? `${formatCount(paged.total)}+ ${props.noun.other}`
                : countOf(paged.total, props.noun)}
          </Text>
          <ColumnMenu columns={columns} visibility={visibility} onChange={setVisibility} />
          {props.exportMenu?.(exportColumnsOf(visible))}
        </Group>
      </Group>
      <div className={classes.frame} ref={frame.ref}>
        <Grid
          label={props.label}
          columns={fitted}
          rows={paged.rows}
          total={paged.totalCapped ? null : paged.total}
          getRowId={props.getRowId}
          sort={props.sort}
          onSortChange={props.onSortChange}
          onOpenRow={props.onOpenRow}
          viewKey={JSON.stringify(source.queryKey)}
          hasMore={paged.hasMore}
          isLoadingMore={paged.isLoadingMore}
          loadMore={paged.loadMore}
          isStale={paged.isStale}
          placeholder={placeholder}
        />
      </div>
    </>
  );
}
