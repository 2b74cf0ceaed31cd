import type { Kysely } from 'kysely';
import { PassThrough, type Writable } from 'node:stream';
import { addMonths } from '../../../../shared/analytics/overview-months';
import { overviewInput } from '../../../../shared/analytics/overview-schema';
import type { DB } from '../../../db/schema';
import { findSettings } from '../../analytics';
import { queueStaffNotice } from '../../emails';
import { overviewReport } from '../analytics-report/overview-report';
import { writeReportPdf } from '../analytics-report/report-pdf';
import { writeReportXlsx } from '../analytics-report/report-xlsx';
import { CONTENT_TYPES } from '../writers';

/** "November 2026" for "2026-11". */
function longMonth(month: string): string {
  const [year, m] = month.split('-').map(Number);
  return new Intl.DateTimeFormat('en-US', { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
    Date.UTC(year ?? 1970, (m ?? 1) - 1, 1),
  );
}

async function bytesOf(write: (out: Writable) => Promise<void>): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (chunk: Buffer) => chunks.push(chunk));
  await write(out);
  return Buffer.concat(chunks);
}

/**
 * Builds `month`'s finance pack — the Overview of the twelve months up to it (headline figures of
 * the month, movements, revenue) and the month's churn and contraction — as a PDF and an XLSX,
 * and queues it to each recipient through the outbox. Queued once per month and recipient,
 * however often it runs (the outbox's own dedupe). Returns how many emails were queued.
 */
export async function sendFinancePack(
  db: Kysely<DB>,
  tenantId: string,
  month: string,
  now: number,
): Promise<number> {
  const recipients = (await findSettings(db, tenantId)).financePackRecipients;
  if (recipients.length === 0) return 0;
  const label = longMonth(month);
  const report = await overviewReport(
    db,
    tenantId,
    overviewInput.parse({ from: addMonths(month, -11), to: month, segment: {} }),
    { now, title: `Finance pack — ${label}`, lossesFrom: month },
  );
  const [pdf, xlsx] = await Promise.all([
    bytesOf((out) => writeReportPdf(report, out)),
    bytesOf((out) => writeReportXlsx(report, out)),
  ]);
  const files = [
    { filename: `finance-pack-${month}.pdf`, contentType: CONTENT_TYPES.pdf, content: pdf },
    { filename: `finance-pack-${month}.xlsx`, contentType: CONTENT_TYPES.xlsx, content: xlsx },
  ];
  return db.transaction().execute((trx) =>
    queueStaffNotice(
      trx,
      {
        tenantId,
        noticeId: `finance_pack:${month}`,
        recipients: recipients.map((email) => ({ name: email, email })),
        draftFor: (recipient) => ({
          template: 'finance_pack',
          facts: {
            recipientName: recipient.name,
            workspaceName: report.workspace,
            monthLabel: label,
            figures: report.figures.map((f) => ({
              label: f.label,
              value: f.change ? `${f.value} (${f.change} vs the month before)` : f.value,
            })),
            attachmentNames: files.map((f) => f.filename),
          },
        }),
        attachments: files,
      },
      now,
    ),
  );
}
