export { DataTable, type DataTableProps } from './DataTable';
export type { DataColumn, DataSource, FetchPage, Noun, Page, SortState } from './types';
export { codeColumn, dateColumn, idColumn } from './common-columns';
