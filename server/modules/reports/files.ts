import { createReadStream, type ReadStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import { DomainError } from '../../lib/errors';

/** True when `path` is a file directly in `directory`: the only files an export may name. */
function inDirectory(directory: string, path: string): boolean {
  return dirname(resolve(path)) === resolve(directory);
}

export async function removeExportFile(directory: string, path: string | null): Promise<void> {
  if (path && inDirectory(directory, path)) await rm(path, { force: true });
}

/** A finished export's file to read, checked to be in the exports folder. */
export function openExportFile(directory: string, path: string | null): ReadStream {
  if (!path || !inDirectory(directory, path)) throw new DomainError('NOT_FOUND', 'The export’s file is gone');
  return createReadStream(path);
}

/**
 * Where a finished export's file is, when it is one of this backend's (in its exports folder,
 * status done); null otherwise. For the desktop's save dialog, which names an export by id.
 */
export async function finishedExportFile(
  runner: { db: Kysely<DB>; directory: string },
  id: string,
): Promise<string | null> {
  const row = await runner.db
    .selectFrom('exports')
    .select(['file_path', 'status'])
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row || row.status !== 'done' || !row.file_path || !inDirectory(runner.directory, row.file_path))
    return null;
  return row.file_path;
}
