import { readFileSync, writeFileSync } from 'node:fs';
import { z } from 'zod';
import type { RowCounts } from './tables';

/**
 * What a backup was at the moment it was taken, kept beside it (`<file>.json`): the database
 * kind, the file's checksum and the rows per table counted in the backup's own snapshot. A
 * restore drill on another machine checks the file against it with nothing but the two files.
 * It holds no connection string and no data.
 */
export interface Manifest {
  format: 'tollgate-backup/1';
  kind: 'sqlite' | 'postgres';
  startedAt: number;
  sha256: string;
  sizeBytes: number;
  backupMs: number;
  rowCounts: RowCounts;
}

const manifestSchema = z.object({
  format: z.literal('tollgate-backup/1'),
  kind: z.enum(['sqlite', 'postgres']),
  startedAt: z.number().int(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  sizeBytes: z.number().int().nonnegative(),
  backupMs: z.number().int().nonnegative(),
  rowCounts: z.record(z.string(), z.number().int().nonnegative()),
});

export const manifestPath = (file: string): string => `${file}.json`;

export function writeManifest(file: string, manifest: Manifest): void {
  writeFileSync(manifestPath(file), `${JSON.stringify(manifest, null, 2)}\n`);
}

/** The backup's manifest, or why it cannot be read (missing, not JSON, not a manifest). */
export function readManifest(file: string): { manifest: Manifest } | { problem: string } {
  let text: string;
  try {
    text = readFileSync(manifestPath(file), 'utf8');
  } catch {
    return { problem: `no manifest beside the backup (${manifestPath(file)})` };
  }
  try {
    const parsed = manifestSchema.safeParse(JSON.parse(text));
    if (parsed.success) return { manifest: parsed.data };
  } catch {
    // Not JSON: reported below like any other unreadable manifest.
  }
  return { problem: `the manifest ${manifestPath(file)} is not a Tollgate backup manifest` };
}
