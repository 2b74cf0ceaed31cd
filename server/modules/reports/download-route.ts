import type { IncomingMessage, ServerResponse } from 'node:http';
import { pipeline } from 'node:stream/promises';
import { TRPCError } from '@trpc/server';
import { getHTTPStatusCodeFromError } from '@trpc/server/http';
import { exportIdInput, type ExportSummary } from '../../../shared/exports/schema';
import type { Context } from '../../trpc/context';
import { finishedExportFile, openExportFile } from './files';
import { requireRunner } from './runtime';
import { CONTENT_TYPES } from './writers';

/** GET /exports/download?id=exp_…: a finished export's file, to the user who made it. */
export const EXPORT_DOWNLOAD_PATH = '/exports/download';

function refuse(res: ServerResponse, status: number, message: string): void {
  res
    .writeHead(status, { 'content-type': 'application/json; charset=utf-8' })
    .end(JSON.stringify({ error: message }));
}

/**
 * The download of web mode. Who may have the file is decided by `exports.get` itself, called in
 * the request's own context (its principal and workspace header): another user's or another
 * workspace's export is not found, as it is through tRPC. The file streams from disk.
 */
export function exportDownloadRoute(contextOf: (req: IncomingMessage) => Context | Promise<Context>) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    if (req.method !== 'GET') return refuse(res, 405, 'Use GET');
    const id = exportIdInput.safeParse({
      id: new URL(req.url ?? '/', 'http://local').searchParams.get('id'),
    });
    if (!id.success) return refuse(res, 400, 'Name the export: ?id=exp_…');
    const ctx = await contextOf(req);
    let summary: ExportSummary;
    try {
      summary = (await ctx.procedures.call(ctx, 'exports.get', id.data)) as ExportSummary;
    } catch (error) {
      if (!(error instanceof TRPCError)) throw error;
      return refuse(res, getHTTPStatusCodeFromError(error), error.message);
    }
    if (summary.status !== 'done')
      return refuse(res, 409, `This export is ${summary.status}, not ready to download`);
    const runner = requireRunner(ctx);
    const file = openExportFile(runner.directory, await finishedExportFile(runner, summary.id));
    res.writeHead(200, {
      'content-type': CONTENT_TYPES[summary.format],
      'content-length': String(summary.bytes),
      'content-disposition': `attachment; filename="${summary.fileName}"`,
      'cache-control': 'no-store',
    });
    await pipeline(file, res);
  };
}
