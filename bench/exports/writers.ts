/**
 * The export formats alone: the invoices source's columns over generated invoice items (no
 * database, no list procedure), written to CSV and XLSX files. Separates what the writers cost
 * from what reading the list costs (bench/exports/index.ts measures both together). Prints wall
 * and CPU time per format, µs per row, size, peak RSS growth and the 1-minute load average.
 *
 *   npx tsx bench/exports/writers.ts [rows] [--csv|--xlsx]
 */
import { createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { invoicesSource } from '../../server/modules/reports/sources/billing';
import { tableColumns } from '../../server/modules/reports/sources/types';
import { writerFor } from '../../server/modules/reports/writers';

const rows = Number(process.argv.slice(2).find((arg) => !arg.startsWith('--')) ?? 100_000);
const ONLY = (['csv', 'xlsx'] as const).filter((format) => process.argv.includes(`--${format}`));
const FORMATS = ONLY.length > 0 ? ONLY : (['csv', 'xlsx'] as const);
const CURRENCIES = ['USD', 'EUR', 'JPY', 'GBP'];
const STATUSES = ['paid', 'open', 'void', 'uncollectible'];
const START = Date.UTC(2024, 0, 1);
const say = (text: string) => process.stdout.write(text);

/** An invoices.list item as the list returns it (the fields the source reads, and the rest). */
function item(index: number) {
  const createdAt = START + index * 61_000;
  return {
    id: `inv_01JEQYQ8WAH2ZTB5AQ${String(index).padStart(8, '0')}`,
    number: `INV-${String(index).padStart(6, '0')}`,
    status: STATUSES[index % STATUSES.length] ?? 'paid',
    billingReason: index % 7 === 0 ? 'subscription_create' : 'subscription_cycle',
    customerId: `cus_01JEQYQ8WAWVFS7H4D${String(index % 10_000).padStart(8, '0')}`,
    customerName: `Customer ${index % 10_000}, Ltd`,
    subscriptionId: `sub_01JEQYQ8WAWVFS7H4D${String(index % 10_000).padStart(8, '0')}`,
    currency: CURRENCIES[index % CURRENCIES.length] ?? 'USD',
    total: 1000 + (index % 50_000),
    amountDue: 1000 + (index % 50_000),
    amountPaid: index % 4 === 0 ? 1000 + (index % 50_000) : 0,
    amountRefunded: index % 31 === 0 ? 500 : 0,
    periodStart: index % 9 === 0 ? null : createdAt,
    periodEnd: index % 9 === 0 ? null : createdAt + 30 * 86_400_000,
    createdAt,
  };
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'tollgate-bench-writers-'));
  const columns = invoicesSource.columns;
  const page = Array.from({ length: 1000 }, (_, index) => item(index));
  try {
    say(`Writing ${rows.toLocaleString('en')} generated invoice rows (the invoices source's columns):\n`);
    for (const format of FORMATS) {
      global.gc?.();
      const path = join(dir, `out.${format}`);
      const out = createWriteStream(path);
      const heading = { workspace: 'Bench', title: 'Invoices', filters: '', generatedAt: START, rows };
      const writer = writerFor(format, out, tableColumns(invoicesSource), heading, { bom: false });
      const before = process.memoryUsage().rss;
      let peak = before;
      const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
      const cpuBefore = process.cpuUsage();
      const started = performance.now();
      for (let index = 0; index < rows; index++) {
        const row = page[index % page.length] as ReturnType<typeof item>;
        const waiting = writer.writeRow(columns.map((column) => column.value(row)));
        if (waiting) await waiting;
      }
      await writer.finish();
      const elapsed = performance.now() - started;
      const cpu = process.cpuUsage(cpuBefore);
      clearInterval(sampler);
      say(
        `  ${format.toUpperCase().padEnd(4)} ${(elapsed / 1000).toFixed(2)} s wall, CPU ${((cpu.user + cpu.system) / 1e6).toFixed(2)} s, ` +
          `${((1000 * elapsed) / rows).toFixed(2)} µs/row (CPU ${((cpu.user + cpu.system) / rows).toFixed(2)}), ${(statSync(path).size / 1024 / 1024).toFixed(1)} MB, ` +
          `peak RSS growth ${((peak - before) / 1024 / 1024).toFixed(0)} MB, load ${loadavg()[0]?.toFixed(2)}\n`,
      );
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(
    `bench/exports/writers: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exitCode = 1;
});
