import type { ExportSummary } from '../../../shared/exports/schema';
import type { DesktopBridge } from '../../../shared/ipc';
import { activeTenant } from '../../lib/active-tenant';
import { clientHeader, loadClientId } from '../../lib/client-id';
import { saveBlob } from '../../lib/save-file';

/** Where web mode downloads a finished export (server/modules/reports/download-route.ts). */
export const DOWNLOAD_PATH = '/exports/download';

export type SaveOutcome = { kind: 'saved'; path: string } | { kind: 'downloaded' } | { kind: 'canceled' };

/**
 * Gets a finished export to the user: in the desktop app a native save dialog and a copy (the
 * main process does both); in a browser a download from the backend, sent with the same
 * workspace and client headers as every API call, so the backend checks it is theirs.
 */
export async function saveExport(
  summary: Pick<ExportSummary, 'id' | 'fileName'>,
  bridge: DesktopBridge | undefined = window.tollgate,
): Promise<SaveOutcome> {
  if (bridge) {
    const answer = await bridge.saveExport({ id: summary.id, fileName: summary.fileName });
    if (answer.saved) return { kind: 'saved', path: answer.path };
    if (answer.reason === 'canceled') return { kind: 'canceled' };
    throw new Error('The export’s file is gone; start the export again');
  }
  const tenant = activeTenant();
  const response = await fetch(`${DOWNLOAD_PATH}?id=${encodeURIComponent(summary.id)}`, {
    headers: {
      'x-tollgate-client': clientHeader('web', loadClientId(localStorage)),
      ...(tenant ? { 'x-tollgate-tenant': tenant } : {}),
    },
  });
  if (!response.ok) {
    const problem = (await response.json().catch(() => null)) as { error?: string } | null;
    throw new Error(problem?.error ?? `The download failed (${response.status})`);
  }
  saveBlob(await response.blob(), summary.fileName);
  return { kind: 'downloaded' };
}
