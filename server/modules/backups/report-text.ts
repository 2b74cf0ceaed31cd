import type { Manifest } from './manifest';
import type { VerifyReport } from './verify';

const seconds = (ms: number | null) => (ms === null ? '—' : `${(ms / 1000).toFixed(2)} s`);

/** A verification as the backup and restore commands print it: times, rows per table, verdict. */
export function formatReport(manifest: Manifest, report: VerifyReport): string {
  const lines = [
    `database: ${manifest.kind}, taken ${new Date(manifest.startedAt).toISOString()}, ${manifest.sizeBytes} bytes`,
    `backup time: ${seconds(manifest.backupMs)}`,
    `restore time: ${seconds(report.restoreMs)}`,
    `restore and verify time: ${seconds(report.verifyMs)}`,
    `audit chains: ${report.chains.chains} verified, ${report.chains.entries} entries`,
    '',
    `${'table'.padEnd(32)}${'at backup'.padStart(12)}${'restored'.padStart(12)}`,
  ];
  const tables = [
    ...new Set([...Object.keys(manifest.rowCounts), ...Object.keys(report.restoredCounts)]),
  ].sort();
  for (const table of tables) {
    const atBackup = manifest.rowCounts[table];
    const restored = report.restoredCounts[table];
    const mark = atBackup === restored ? '' : '  ← differs';
    lines.push(
      `${table.padEnd(32)}${String(atBackup ?? '—').padStart(12)}${String(restored ?? '—').padStart(12)}${mark}`,
    );
  }
  lines.push('');
  lines.push(
    report.ok ? 'VERIFIED' : `FAILED verification:\n${report.problems.map((p) => `  - ${p}`).join('\n')}`,
  );
  return `${lines.join('\n')}\n`;
}
