import { join } from 'node:path';
import { newId } from '../../../shared/ids';
import {
  exportColumnId,
  PDF_MAX_ROWS,
  SOURCE_TITLES,
  type ExportStartInput,
  type ExportSummary,
} from '../../../shared/exports/schema';
import { can } from '../../../shared/permissions';
import type { Page } from '../../../shared/page';
import type { Context, Principal } from '../../trpc/context';
import { DomainError } from '../../lib/errors';
import { reportRows, type ReportDocument } from './analytics-report/document';
import { pdfTooLarge, type PageReader } from './engine';
import { removeExportFile } from './files';
import {
  deleteExportRow,
  findExport,
  insertExport,
  listExportRows,
  toSummary,
  updateUnfinished,
  workspaceName,
  type ExportOwner,
  type ExportRow,
} from './repo';
import { requireRunner } from './runtime';
import { EXPORT_SOURCE_DEFS, type ExportSourceDef } from './sources';
import { viewInWords } from './view-words';
import { EXTENSIONS } from './writers';

/** A tenant procedure's context: who, and in which workspace. */
export type ExportContext = Context & { tenantId: string; principal: Principal };

type StartInput = Required<Pick<ExportStartInput, 'source' | 'format'>> & {
  view: Record<string, unknown>;
  options: { bom: boolean };
  columns?: string[];
};

/**
 * The source with only the columns asked for (the table's visible ones), in the source's
 * order; an id the source lacks is refused naming it and the ones it has. A report's are fixed.
 */
function withColumns(source: ExportSourceDef<never>, ids: readonly string[] | undefined) {
  if (!ids) return source;
  const known = source.columns.map((column) => exportColumnId(column.header));
  const unknown = ids.filter((id) => !known.includes(id));
  if (source.report || unknown.length > 0) {
    const message = source.report
      ? `The ${source.name} report's columns are fixed; export it without columns`
      : `Unknown column ${unknown.join(', ')}; ${source.name} has ${known.join(', ')}`;
    throw new DomainError('INVALID_INPUT', message, { columns: [message] });
  }
  return { ...source, columns: source.columns.filter((_, i) => ids.includes(known[i] as string)) };
}

const owner = (ctx: ExportContext): ExportOwner => ({ tenantId: ctx.tenantId, userId: ctx.principal.userId });

/** The page keys are the export's to set: a view holds filters and sort only. */
const PAGE_KEYS = ['cursor', 'limit'];

/**
 * Reads the source's list as the console does: through its own procedure, as this user in
 * this workspace, so permission, tenant scope, input checks and the query are the list's own.
 */
function procedureReader(
  ctx: ExportContext,
  source: ExportSourceDef<never>,
  view: Record<string, unknown>,
): PageReader {
  const asRequest: Context = { ...ctx, requestedTenantId: ctx.tenantId };
  return async (cursor, limit) =>
    (await ctx.procedures.call(asRequest, source.list, { ...view, cursor, limit })) as Page<unknown>;
}

/**
 * The export's page reader once the procedure has answered its first row: the list's own query
 * function where the source names it (the view parsed by the procedure's own input schema, the
 * workspace the procedure resolved), so big pages skip the procedure's per-call work and its
 * page limit; else the procedure, page after page.
 */
function exportReader(
  ctx: ExportContext,
  source: ExportSourceDef<never>,
  view: Record<string, unknown>,
): { read: PageReader; pageSize: number } {
  const query = source.query;
  if (!query) return { read: procedureReader(ctx, source, view), pageSize: source.pageSize };
  const parsed = query.input.parse(view) as Record<string, unknown>;
  return {
    read: (cursor, limit) => query.run(ctx.db, ctx.tenantId, { ...parsed, cursor, limit } as never),
    pageSize: query.pageSize,
  };
}

/** "invoices-2026-12-07-1030.xlsx": what the file is called when saved or downloaded. */
function fileNameOf(input: StartInput, now: number): string {
  const stamp = new Date(now).toISOString().slice(0, 16).replace('T', '-').replace(':', '');
  return `${SOURCE_TITLES[input.source].toLowerCase().replaceAll(' ', '-')}-${stamp}.${EXTENSIONS[input.format]}`;
}

/**
 * Checks the view before anything is queued, as its page would: a list reads its first row
 * (which gives the total too); a report calls its procedure once, then is built whole.
 */
async function probeView(
  ctx: ExportContext,
  source: ExportSourceDef<never>,
  input: StartInput,
  readPage: PageReader,
): Promise<{ rowsTotal: number | null; document?: ReportDocument }> {
  if (source.report) {
    await ctx.procedures.call({ ...ctx, requestedTenantId: ctx.tenantId }, source.list, input.view);
    const document = await source.report(
      { db: ctx.db, tenantId: ctx.tenantId, now: ctx.clock.now() },
      input.view,
    );
    return { rowsTotal: reportRows(document), document };
  }
  const probe = await readPage(null, 1);
  return { rowsTotal: probe.total !== null && !probe.totalCapped ? probe.total : null };
}

/**
 * Starts an export of the source's current view and returns it queued. The view is checked
 * first by reading one row through the list (an unknown filter or a missing permission is
 * refused here, not later), which also gives the total; a PDF over PDF_MAX_ROWS is refused.
 */
export async function startExport(ctx: ExportContext, input: StartInput): Promise<ExportSummary> {
  const runner = requireRunner(ctx);
  const source = withColumns(EXPORT_SOURCE_DEFS[input.source], input.columns);
  const pageKey = Object.keys(input.view).find((key) => PAGE_KEYS.includes(key));
  if (pageKey) {
    throw new DomainError(
      'INVALID_INPUT',
      `The view holds filters and sort only; ${pageKey} is the export's to set`,
      {
        [`view.${pageKey}`]: ['not a filter'],
      },
    );
  }
  const { rowsTotal, document } = await probeView(
    ctx,
    source,
    input,
    procedureReader(ctx, source, input.view),
  );
  if (input.format === 'pdf' && rowsTotal !== null && rowsTotal > PDF_MAX_ROWS) throw pdfTooLarge();
  const id = newId('exp');
  const now = ctx.clock.now();
  const filters = viewInWords(input.view, source.labels);
  const fileName = fileNameOf(input, now);
  const filePath = join(runner.directory, `${id}.${EXTENSIONS[input.format]}`);
  await insertExport(runner.db, owner(ctx), { ...input, id, filters, rowsTotal, fileName, filePath, now });
  const workspace = await workspaceName(ctx.db, ctx.tenantId);
  const reader = exportReader(ctx, source, input.view);
  runner.enqueue(`${ctx.tenantId}:${ctx.principal.userId}`, {
    id,
    db: runner.db,
    clock: ctx.clock,
    source,
    format: input.format,
    options: input.options,
    heading: { workspace, title: SOURCE_TITLES[input.source], filters, generatedAt: now },
    rowsTotal,
    filePath,
    readPage: reader.read,
    pageSize: runner.pageSize(reader.pageSize),
    document,
  });
  return getExport(ctx, id);
}

/** One of the user's exports in this workspace; another's is not found (never forbidden: its existence is not told). */
export async function loadExport(ctx: ExportContext, id: string): Promise<ExportRow> {
  const row = await findExport(requireRunner(ctx).db, owner(ctx), id);
  if (!row) throw new DomainError('NOT_FOUND', 'No such export');
  const permission = EXPORT_SOURCE_DEFS[row.source as keyof typeof EXPORT_SOURCE_DEFS]?.permission;
  if (!permission || !can(ctx.principal.grants, permission, ctx.tenantId)) {
    throw new DomainError('FORBIDDEN', `Your role does not allow ${permission ?? 'this export'}`);
  }
  return row;
}

export async function getExport(ctx: ExportContext, id: string): Promise<ExportSummary> {
  return toSummary(await loadExport(ctx, id));
}

/** The user's last 100 exports in this workspace, newest first. */
export async function listExports(ctx: ExportContext): Promise<ExportSummary[]> {
  return (await listExportRows(requireRunner(ctx).db, owner(ctx), 100)).map(toSummary);
}

/** Stops a queued or running export; it removes its partial file at its next page. Ended ones stay as they are. */
export async function cancelExport(ctx: ExportContext, id: string): Promise<ExportSummary> {
  const row = await loadExport(ctx, id);
  await updateUnfinished(requireRunner(ctx).db, row.id, { status: 'canceled', finished_at: ctx.clock.now() });
  return getExport(ctx, id);
}

/** Removes an export and its file (canceling it first if it still runs). */
export async function deleteExport(ctx: ExportContext, id: string): Promise<{ id: string }> {
  const runner = requireRunner(ctx);
  const row = await loadExport(ctx, id);
  await updateUnfinished(runner.db, row.id, { status: 'canceled', finished_at: ctx.clock.now() });
  await runner.settled(row.id);
  await removeExportFile(runner.directory, row.file_path);
  await deleteExportRow(runner.db, owner(ctx), row.id);
  return { id: row.id };
}
