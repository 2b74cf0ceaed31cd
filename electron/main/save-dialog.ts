import { copyFile } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { z } from 'zod';
import { SAVE_EXPORT_IPC_CHANNEL, type SaveExportAnswer } from '../../shared/ipc';
import type { IpcInvokeEventLike } from './ipc-bridge';

/** The part of Electron's dialog the save uses, so tests can answer for the user. */
export interface SaveDialogLike {
  showSaveDialog(options: {
    defaultPath: string;
    filters: { name: string; extensions: string[] }[];
  }): Promise<{ canceled: boolean; filePath?: string }>;
}

export interface SaveExportDeps {
  /** The finished export's file in the backend's exports folder, or null (reports' finishedExportFile). */
  findFile(id: string): Promise<string | null>;
  dialog: SaveDialogLike;
  /** Where the dialog opens: the user's Downloads folder. */
  downloadsDir: string;
  isAppUrl(url: string): boolean;
  copy?: (from: string, to: string) => Promise<void>;
}

const requestShape = z.strictObject({
  id: z.string().regex(/^exp_[0-9A-Z]{26}$/),
  // A name to suggest, never a path: the user picks the folder.
  fileName: z.string().regex(/^[\w.-]{1,120}$/),
});

/**
 * Saves a finished export where the user says: the native save dialog (opening in Downloads
 * with the export's name), then a copy of the backend's file there. Only the console's own
 * pages may ask; the file is found by the export's id, never by a path the page gives.
 */
export async function saveExportFile(
  deps: SaveExportDeps,
  payload: unknown,
  sender: IpcInvokeEventLike['senderFrame'],
): Promise<SaveExportAnswer> {
  if (!sender || !deps.isAppUrl(sender.url)) return { saved: false, reason: 'not-found' };
  const request = requestShape.safeParse(payload);
  if (!request.success) return { saved: false, reason: 'not-found' };
  const file = await deps.findFile(request.data.id);
  if (!file) return { saved: false, reason: 'not-found' };
  const extension = extname(request.data.fileName).slice(1);
  const choice = await deps.dialog.showSaveDialog({
    defaultPath: join(deps.downloadsDir, request.data.fileName),
    filters: [{ name: extension.toUpperCase(), extensions: [extension] }],
  });
  if (choice.canceled || !choice.filePath) return { saved: false, reason: 'canceled' };
  await (deps.copy ?? copyFile)(file, choice.filePath);
  return { saved: true, path: choice.filePath };
}

/** The parts of ipcMain this channel uses. */
export interface SaveIpcLike {
  handle(
    channel: string,
    listener: (event: IpcInvokeEventLike, payload: unknown) => Promise<SaveExportAnswer>,
  ): void;
  removeHandler(channel: string): void;
}

/** Serves SAVE_EXPORT_IPC_CHANNEL; returns the way to stop. */
export function registerSaveExportIpc(ipc: SaveIpcLike, deps: SaveExportDeps): () => void {
  ipc.handle(SAVE_EXPORT_IPC_CHANNEL, (event, payload) => saveExportFile(deps, payload, event.senderFrame));
  return () => ipc.removeHandler(SAVE_EXPORT_IPC_CHANNEL);
}
