import { describe, expect, it } from 'vitest';
import { SAVE_EXPORT_IPC_CHANNEL, TRPC_IPC_CHANNEL, type IpcHttpRequest } from '../../shared/ipc';
import { createDesktopBridge } from './bridge';

describe('createDesktopBridge', () => {
  it('sends each request on the tRPC channel and hands back the answer', async () => {
    const calls: unknown[][] = [];
    const bridge = createDesktopBridge(
      {
        invoke: (...args) => {
          calls.push(args);
          return Promise.resolve({ status: 200, headers: {}, body: '[]' });
        },
      },
      'linux',
    );
    const request: IpcHttpRequest = {
      url: 'tollgate://backend/trpc/customers.list',
      method: 'GET',
      headers: {},
      body: null,
    };

    await expect(bridge.fetch(request)).resolves.toEqual({ status: 200, headers: {}, body: '[]' });
    expect(calls).toEqual([[TRPC_IPC_CHANNEL, request]]);
    expect(bridge.platform).toBe('linux');
  });

  it('exposes only the platform, fetch and saveExport, nothing that reaches other channels', () => {
    const bridge = createDesktopBridge({ invoke: () => Promise.resolve(null) }, 'darwin');
    expect(Object.keys(bridge).sort()).toEqual(['fetch', 'platform', 'saveExport']);
  });

  it('asks the main process to save an export on its own channel, with the id and name only', async () => {
    const calls: unknown[][] = [];
    const bridge = createDesktopBridge(
      {
        invoke: (...args) => {
          calls.push(args);
          return Promise.resolve({ saved: true, path: '/home/ada/invoices.xlsx' });
        },
      },
      'linux',
    );
    const extra = { id: 'exp_1', fileName: 'invoices.xlsx', path: '/etc/passwd' };
    await expect(bridge.saveExport(extra)).resolves.toEqual({ saved: true, path: '/home/ada/invoices.xlsx' });
    expect(calls).toEqual([[SAVE_EXPORT_IPC_CHANNEL, { id: 'exp_1', fileName: 'invoices.xlsx' }]]);
  });
});
