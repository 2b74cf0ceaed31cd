/** Reports: lists and reports exported to CSV, XLSX or PDF files by the backend (docs/exports.md). */
export { exportsRouter } from './router';
export { ExportRunner, startExportRunner } from './runner';
export { exportDownloadRoute, EXPORT_DOWNLOAD_PATH } from './download-route';
export { financePackJobHandlers, scheduleFinancePacks } from './finance-pack/job';
export { nextFinancePackAt } from './finance-pack/schedule';
export { finishedExportFile } from './files';
import './runtime';
