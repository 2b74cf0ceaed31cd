import { normalizeRate } from './fx';
import { fxRateInput, type FxRateInput } from './settings-schema';

/**
 * Reads a CSV of exchange rates (docs/analytics.md, "FX rates"): a header line `day,base,quote,rate`
 * (any order, any case), then one rate a line, e.g. `2026-01-31,EUR,USD,1.0832`. Blank lines are
 * skipped. Any bad line fails the whole file with its line number, so nothing is half imported.
 */
export type FxCsvResult = { ok: true; rates: FxRateInput[] } | { ok: false; line: number; message: string };

const COLUMNS = ['day', 'base', 'quote', 'rate'] as const;

export function parseFxCsv(text: string): FxCsvResult {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const header = (lines[0] ?? '').split(',').map((cell) => cell.trim().toLowerCase());
  const missing = COLUMNS.filter((column) => !header.includes(column));
  if (missing.length > 0) {
    return {
      ok: false,
      line: 1,
      message: `The header must name the columns day, base, quote and rate (missing: ${missing.join(', ')})`,
    };
  }
  const at = Object.fromEntries(COLUMNS.map((column) => [column, header.indexOf(column)])) as Record<
    (typeof COLUMNS)[number],
    number
  >;
  const rates: FxRateInput[] = [];
  const seen = new Map<string, number>();
  for (let index = 1; index < lines.length; index++) {
    const line = lines[index] ?? '';
    if (line.trim() === '') continue;
    const cells = line.split(',');
    if (cells.length !== header.length) {
      return {
        ok: false,
        line: index + 1,
        message: `Expected ${header.length} values, found ${cells.length}`,
      };
    }
    const parsed = fxRateInput.safeParse({
      day: cells[at.day],
      base: cells[at.base],
      quote: cells[at.quote],
      rate: cells[at.rate],
    });
    if (!parsed.success) {
      return { ok: false, line: index + 1, message: parsed.error.issues[0]?.message ?? 'Not a rate' };
    }
    const key = `${parsed.data.day} ${parsed.data.base} ${parsed.data.quote}`;
    const earlier = seen.get(key);
    if (earlier !== undefined) {
      return { ok: false, line: index + 1, message: `${key} is already given on line ${earlier}` };
    }
    seen.set(key, index + 1);
    rates.push({ ...parsed.data, rate: normalizeRate(parsed.data.rate) ?? parsed.data.rate });
  }
  if (rates.length === 0) return { ok: false, line: 2, message: 'The file has no rates after its header' };
  return { ok: true, rates };
}
