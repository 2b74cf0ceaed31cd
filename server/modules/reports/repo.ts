import type { Kysely, Selectable } from 'kysely';
import {
  SOURCE_TITLES,
  type ExportFormat,
  type ExportSource,
  type ExportStatus,
  type ExportSummary,
} from '../../../shared/exports/schema';
import type { DB } from '../../db/schema';

export type ExportRow = Selectable<DB['exports']>;

/** Whose export it is: a user in a tenant. Every read and write here is scoped by both. */
export interface ExportOwner {
  tenantId: string;
  userId: string;
}

export interface NewExport {
  id: string;
  source: ExportSource;
  format: ExportFormat;
  view: Record<string, unknown>;
  options: { bom: boolean };
  filters: string;
  rowsTotal: number | null;
  fileName: string;
  filePath: string;
  now: number;
}

const UNFINISHED: ExportStatus[] = ['queued', 'running'];

export async function insertExport(db: Kysely<DB>, owner: ExportOwner, row: NewExport): Promise<void> {
  await db
    .insertInto('exports')
    .values({
      id: row.id,
      tenant_id: owner.tenantId,
      user_id: owner.userId,
      source: row.source,
      format: row.format,
      view: JSON.stringify(row.view),
      options: JSON.stringify(row.options),
      title: SOURCE_TITLES[row.source],
      filters: row.filters,
      status: 'queued',
      rows_total: row.rowsTotal,
      file_name: row.fileName,
      file_path: row.filePath,
      created_at: row.now,
    })
    .execute();
}

export function findExport(db: Kysely<DB>, owner: ExportOwner, id: string): Promise<ExportRow | undefined> {
  return db
    .selectFrom('exports')
    .selectAll()
    .where('id', '=', id)
    .where('tenant_id', '=', owner.tenantId)
    .where('user_id', '=', owner.userId)
    .executeTakeFirst();
}

/** The user's exports in the tenant, newest first. */
export function listExportRows(db: Kysely<DB>, owner: ExportOwner, limit: number): Promise<ExportRow[]> {
  return db
    .selectFrom('exports')
    .selectAll()
    .where('tenant_id', '=', owner.tenantId)
    .where('user_id', '=', owner.userId)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}

export async function exportStatus(db: Kysely<DB>, id: string): Promise<ExportStatus | null> {
  const row = await db.selectFrom('exports').select('status').where('id', '=', id).executeTakeFirst();
  return row?.status ?? null;
}

/** Moves an unfinished export on; false when it had already ended (canceled meanwhile). */
export async function updateUnfinished(
  db: Kysely<DB>,
  id: string,
  change: Partial<
    Pick<ExportRow, 'status' | 'rows_done' | 'rows_total' | 'bytes' | 'started_at' | 'finished_at' | 'error'>
  >,
): Promise<boolean> {
  const result = await db
    .updateTable('exports')
    .set(change)
    .where('id', '=', id)
    .where('status', 'in', UNFINISHED)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export async function deleteExportRow(db: Kysely<DB>, owner: ExportOwner, id: string): Promise<void> {
  await db
    .deleteFrom('exports')
    .where('id', '=', id)
    .where('tenant_id', '=', owner.tenantId)
    .where('user_id', '=', owner.userId)
    .execute();
}

/** Exports a restart interrupted: failed, with their partial files' paths to remove. */
export async function failInterrupted(db: Kysely<DB>, now: number): Promise<string[]> {
  const rows = await db.selectFrom('exports').select('file_path').where('status', 'in', UNFINISHED).execute();
  await db
    .updateTable('exports')
    .set({
      status: 'failed',
      finished_at: now,
      error: 'Interrupted: the backend stopped while it ran. Start it again.',
    })
    .where('status', 'in', UNFINISHED)
    .execute();
  return rows.flatMap((row) => (row.file_path ? [row.file_path] : []));
}

export function toSummary(row: ExportRow): ExportSummary {
  return {
    id: row.id,
    source: row.source as ExportSource,
    format: row.format,
    title: row.title,
    filters: row.filters,
    status: row.status,
    rowsDone: Number(row.rows_done),
    rowsTotal: row.rows_total === null ? null : Number(row.rows_total),
    bytes: Number(row.bytes),
    fileName: row.file_name,
    createdAt: Number(row.created_at),
    startedAt: row.started_at === null ? null : Number(row.started_at),
    finishedAt: row.finished_at === null ? null : Number(row.finished_at),
    error: row.error,
  };
}

/** The workspace's name for a report's heading (no logo is stored for a workspace today). */
export async function workspaceName(db: Kysely<DB>, tenantId: string): Promise<string> {
  const row = await db.selectFrom('tenants').select('name').where('id', '=', tenantId).executeTakeFirst();
  return row?.name ?? tenantId;
}
