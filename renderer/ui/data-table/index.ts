export { DataTable, type DataTableProps } from './DataTable';
export type { DataColumn, DataSource, FetchPage, Noun, Page, SortState } from './types';
export { codeColumn, countColumn, dateColumn, idColumn } from './common-columns';
