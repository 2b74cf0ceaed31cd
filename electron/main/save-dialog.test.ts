import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SAVE_EXPORT_IPC_CHANNEL } from '../../shared/ipc';
import {
  registerSaveExportIpc,
  saveExportFile,
  type SaveDialogLike,
  type SaveExportDeps,
} from './save-dialog';

const ID = 'exp_01JD0000000000000000000000';
const APP = { url: 'file:///app/index.html' };
let dir: string;
let asked: { defaultPath: string; filters: unknown }[];

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tollgate-save-'));
  await writeFile(join(dir, `${ID}.xlsx`), 'the export');
  asked = [];
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** A dialog whose user picks `choice` (undefined: presses Cancel). */
function dialog(choice: string | undefined): SaveDialogLike {
  return {
    showSaveDialog: (options) => {
      asked.push(options);
      return Promise.resolve(choice ? { canceled: false, filePath: choice } : { canceled: true });
    },
  };
}

function deps(choice: string | undefined): SaveExportDeps {
  return {
    findFile: (id) => Promise.resolve(id === ID ? join(dir, `${ID}.xlsx`) : null),
    dialog: dialog(choice),
    downloadsDir: '/home/ada/Downloads',
    isAppUrl: (url) => url.startsWith('file:///app/'),
  };
}

describe('saveExportFile', () => {
  it('asks where, opening in Downloads with the export’s name, and copies the file there', async () => {
    const target = join(dir, 'chosen.xlsx');
    const answer = await saveExportFile(deps(target), { id: ID, fileName: 'invoices-2026.xlsx' }, APP);
    expect(answer).toEqual({ saved: true, path: target });
    expect(await readFile(target, 'utf8')).toBe('the export');
    expect(asked).toEqual([
      {
        defaultPath: '/home/ada/Downloads/invoices-2026.xlsx',
        filters: [{ name: 'XLSX', extensions: ['xlsx'] }],
      },
    ]);
  });

  it('copies nothing when the user cancels', async () => {
    expect(await saveExportFile(deps(undefined), { id: ID, fileName: 'a.xlsx' }, APP)).toEqual({
      saved: false,
      reason: 'canceled',
    });
  });

  it('never opens the dialog for another page, an unknown export or a path as a name', async () => {
    const refused = { saved: false, reason: 'not-found' };
    const d = deps(join(dir, 'x'));
    expect(await saveExportFile(d, { id: ID, fileName: 'a.xlsx' }, { url: 'https://evil.example/' })).toEqual(
      refused,
    );
    expect(
      await saveExportFile(d, { id: 'exp_01JD0000000000000000000001', fileName: 'a.xlsx' }, APP),
    ).toEqual(refused);
    expect(await saveExportFile(d, { id: ID, fileName: '../../.bashrc' }, APP)).toEqual(refused);
    expect(asked).toEqual([]);
  });
});

describe('registerSaveExportIpc', () => {
  it('answers on its own channel, and stops', async () => {
    const handlers = new Map<
      string,
      (event: { senderFrame: { url: string } | null }, payload: unknown) => unknown
    >();
    const stop = registerSaveExportIpc(
      {
        handle: (channel, listener) => handlers.set(channel, listener),
        removeHandler: (c) => handlers.delete(c),
      },
      deps(undefined),
    );
    const handler = handlers.get(SAVE_EXPORT_IPC_CHANNEL);
    await expect(handler?.({ senderFrame: APP }, { id: ID, fileName: 'a.csv' })).resolves.toEqual({
      saved: false,
      reason: 'canceled',
    });
    stop();
    expect(handlers.size).toBe(0);
  });
});
