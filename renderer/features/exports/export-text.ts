import type { ExportFormat, ExportStatus, ExportSummary } from '../../../shared/exports/schema';
import { formatBytes, formatCount } from '../../lib/format';

export const FORMAT_LABELS: Record<ExportFormat, string> = { csv: 'CSV', xlsx: 'XLSX', pdf: 'PDF' };

export const STATUS_LOOK: Record<ExportStatus, { label: string; color: string }> = {
  queued: { label: 'Queued', color: 'gray' },
  running: { label: 'Running', color: 'blue' },
  done: { label: 'Done', color: 'green' },
  failed: { label: 'Failed', color: 'red' },
  canceled: { label: 'Canceled', color: 'gray' },
};

/** Whether the export may still move (so the screen keeps asking). */
export const isUnfinished = (e: Pick<ExportSummary, 'status'>) =>
  e.status === 'queued' || e.status === 'running';

/** "1,234 of 5,000 rows", "1,234 rows so far" (uncounted), "5,000 rows" once done. */
export function rowsText(e: Pick<ExportSummary, 'status' | 'rowsDone' | 'rowsTotal'>): string {
  const noun = (n: number) => (n === 1 ? 'row' : 'rows');
  if (!isUnfinished(e)) return `${formatCount(e.rowsDone)} ${noun(e.rowsDone)}`;
  if (e.rowsTotal === null) return `${formatCount(e.rowsDone)} ${noun(e.rowsDone)} so far`;
  return `${formatCount(e.rowsDone)} of ${formatCount(e.rowsTotal)} ${noun(e.rowsTotal)}`;
}

/** Percent done for a progress bar; null while the total is unknown. */
export function percentDone(e: Pick<ExportSummary, 'rowsDone' | 'rowsTotal' | 'status'>): number | null {
  if (e.status === 'done') return 100;
  if (e.rowsTotal === null) return null;
  if (e.rowsTotal === 0) return 0;
  return Math.min(100, Math.round((e.rowsDone / e.rowsTotal) * 100));
}

/** "3.2 s", "2 min 5 s": how long it ran; null before it started. */
export function durationText(e: Pick<ExportSummary, 'startedAt' | 'finishedAt'>, now: number): string | null {
  if (e.startedAt === null) return null;
  const ms = Math.max(0, (e.finishedAt ?? now) - e.startedAt);
  if (ms < 60_000) return `${(ms / 1000).toFixed(ms < 10_000 ? 1 : 0)} s`;
  const minutes = Math.floor(ms / 60_000);
  return `${minutes} min ${Math.round((ms % 60_000) / 1000)} s`;
}

/** What a finished export says about itself: "5,000 rows · 1.2 MB · 3.2 s". */
export function doneText(e: ExportSummary, now: number): string {
  return [rowsText(e), formatBytes(e.bytes), durationText(e, now)].filter(Boolean).join(' · ');
}
