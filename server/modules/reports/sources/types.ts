import type { ExportSource } from '../../../../shared/exports/schema';
import type { Permission } from '../../../../shared/permissions';
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { Page } from '../../../../shared/page';
import type { DB } from '../../../db/schema';
import type { ReportDocument } from '../analytics-report/document';
import type { Cell, ColumnKind, TableColumn } from '../formats/types';

/** One column of a source: how a list item becomes a cell. */
export interface SourceColumn<R> extends TableColumn {
  kind: ColumnKind;
  value(row: R): Cell;
}

/**
 * What a list exports: its own list procedure (read page by page with its cursor, so the
 * view's filters, sort and search mean exactly what they mean on screen), the permission that
 * procedure declares, and the columns. No SQL here: the list's query is the list's.
 */
export interface ExportSourceDef<R> {
  name: ExportSource;
  /** The list procedure's path ('invoices.list'). */
  list: string;
  permission: Permission;
  /** Rows per page read: the list's own maximum. */
  pageSize: number;
  /**
   * The list procedure's own query function, for a list exported at scale (optional): once the
   * procedure has answered the export's first row (permission, tenant, view), the pages are read
   * by calling the function the procedure calls, with the view as the procedure's own input
   * schema parses it, in pages larger than the procedure takes (decision 163).
   */
  query?: ListQuery;
  columns: SourceColumn<R>[];
  /** Names for the view's filters in words ("issuedFrom" → "Issued from"); others are spelled out. */
  labels?: Record<string, string>;
  /**
   * A report instead of a list: `list` is its procedure (called once with the view, to check the
   * view and the permission as the console's page does), and this builds the whole document (a
   * report is small), which the report renderers write; a CSV holds its first table.
   */
  report?: (read: ReportReader, view: unknown) => Promise<ReportDocument>;
}

/** A list's query function as its procedure calls it, with the procedure's input schema. */
export interface ListQuery {
  /** The procedure's `.input(…)` schema: the view is parsed by it, then the page keys set. */
  input: z.ZodType;
  /** Rows per page read through it. */
  pageSize: number;
  run(db: Kysely<DB>, tenantId: string, input: never): Promise<Page<unknown>>;
}

/**
 * A list's query for `query`: `run` is called exactly as the list procedure calls it, with the
 * schema's parsed view and the export's cursor and page size.
 */
export function listQuery<S extends z.ZodType<{ cursor?: string | null; limit: number }>>(
  input: S,
  pageSize: number,
  run: (db: Kysely<DB>, tenantId: string, input: z.output<S>) => Promise<Page<unknown>>,
): ListQuery {
  return { input, pageSize, run };
}

/** What a report source reads its figures with: this workspace's database, at this time. */
export interface ReportReader {
  db: Kysely<DB>;
  tenantId: string;
  now: number;
}

/** A source's columns as the formats see them. */
export function tableColumns(source: ExportSourceDef<unknown>): TableColumn[] {
  return source.columns.map(({ header, kind, width, printed }) => ({ header, kind, width, printed }));
}

/** Money whose currency is a sibling field of the row. */
export const money = (minor: number | null, currency: string): Cell =>
  minor === null ? null : { minor, currency };

export const yesNo = (value: boolean): string => (value ? 'yes' : 'no');

/** The header of an amount column says how it is written: major units, currency in its own column. */
export const amountHeader = (name: string) => `${name} (major units, see Currency)`;
