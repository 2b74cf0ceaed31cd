/**
 * The desktop's tRPC transport: the renderer's HTTP link hands each request to a fetch
 * that crosses IPC instead of the network, and the main process answers it with tRPC's
 * own fetch adapter. So IPC and HTTP share one serialization and one error format.
 */

/** The channel the preload script invokes and the main process handles. */
export const TRPC_IPC_CHANNEL = 'tollgate:trpc';

/** A request as it crosses IPC (structured-clone safe: strings only). */
export interface IpcHttpRequest {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: string | null;
}

export interface IpcHttpResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** The channel that saves a finished export where the user chooses (a native save dialog, then a copy). */
export const SAVE_EXPORT_IPC_CHANNEL = 'tollgate:save-export';

/** Which export to save: its id (the main process finds the file itself) and the name to suggest. */
export interface SaveExportRequest {
  id: string;
  fileName: string;
}

export type SaveExportAnswer =
  { saved: true; path: string } | { saved: false; reason: 'canceled' | 'not-found' };

/** What the preload script exposes to the renderer as `window.tollgate`. */
export interface DesktopBridge {
  platform: string;
  fetch(request: IpcHttpRequest): Promise<IpcHttpResponse>;
  /** Asks where to save a finished export and copies it there. */
  saveExport(request: SaveExportRequest): Promise<SaveExportAnswer>;
}

/** Requests over IPC use this origin; the main process only answers URLs under it. */
export const IPC_ORIGIN = 'tollgate://backend';
