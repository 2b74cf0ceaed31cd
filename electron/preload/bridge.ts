import {
  SAVE_EXPORT_IPC_CHANNEL,
  TRPC_IPC_CHANNEL,
  type DesktopBridge,
  type IpcHttpRequest,
  type IpcHttpResponse,
  type SaveExportAnswer,
  type SaveExportRequest,
} from '../../shared/ipc';

/** The one ipcRenderer method the bridge needs, so it can be built (and tested) without Electron. */
export interface IpcInvoker {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
}

/**
 * What the renderer gets as `window.tollgate`: the platform name, a fetch that crosses IPC on
 * one fixed channel, and the save of a finished export on another. No generic invoke/send is
 * exposed, so a compromised page can reach nothing in the main process but these two.
 */
export function createDesktopBridge(ipc: IpcInvoker, platform: string): DesktopBridge {
  return {
    platform,
    fetch: (request: IpcHttpRequest) => ipc.invoke(TRPC_IPC_CHANNEL, request) as Promise<IpcHttpResponse>,
    saveExport: (request: SaveExportRequest) =>
      ipc.invoke(SAVE_EXPORT_IPC_CHANNEL, {
        id: request.id,
        fileName: request.fileName,
      }) as Promise<SaveExportAnswer>,
  };
}
