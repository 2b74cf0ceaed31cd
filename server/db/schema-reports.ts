import type { Generated } from 'kysely';
import type { ExportFormat, ExportStatus } from '../../shared/exports/schema';

/** Tables of migration 0027_exports, as Kysely sees them (server/modules/reports owns them). */
export interface ReportTables {
  exports: {
    id: string;
    tenant_id: string;
    user_id: string;
    source: string;
    format: ExportFormat;
    /** JSON: the list's filters and sort. */
    view: string;
    /** JSON: the format's options ({ bom }). */
    options: string;
    title: string;
    filters: string;
    status: ExportStatus;
    rows_done: Generated<number>;
    rows_total: number | null;
    bytes: Generated<number>;
    file_name: string;
    file_path: string | null;
    created_at: number;
    started_at: number | null;
    finished_at: number | null;
    error: string | null;
  };
}
