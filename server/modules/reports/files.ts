import { createReadStream, type ReadStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
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
