import { z } from 'zod';
import { exportIdInput, exportStartInput } from '../../../shared/exports/schema';
import { router, tenantProcedure } from '../../trpc/base';
import { cancelExport, deleteExport, getExport, listExports, startExport } from './service';

/**
 * Exports of the console's lists to CSV, XLSX or PDF. Every member may call these (tenants.read);
 * what an export reads needs the list's own permission, checked by the list itself when the
 * export starts and again whenever the export is read. Local: the backend the console talks to
 * writes the file from its own database, on a connected desktop too (offline included).
 */
const exportProcedure = tenantProcedure('tenants.read', { local: true });

export const exportsRouter = router({
  /** Starts an export of a list's current view; it runs in the background (poll `get`). */
  start: exportProcedure.input(exportStartInput).mutation(({ ctx, input }) => startExport(ctx, input)),

  get: exportProcedure.input(exportIdInput).query(({ ctx, input }) => getExport(ctx, input.id)),

  /** The user's own exports in this workspace, newest first. */
  list: exportProcedure.input(z.strictObject({}).optional()).query(({ ctx }) => listExports(ctx)),

  cancel: exportProcedure.input(exportIdInput).mutation(({ ctx, input }) => cancelExport(ctx, input.id)),

  delete: exportProcedure.input(exportIdInput).mutation(({ ctx, input }) => deleteExport(ctx, input.id)),
});
