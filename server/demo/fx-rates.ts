import { DAY_MS } from '../../shared/billing/periods';
import type { SeededRandom } from './random';

/**
 * The demo workspace's EUR→USD rates: one a week over its year (reports take the latest rate
 * on or before each day), drifting a little from 1.08 as a real rate does, so every euro of
 * the demo converts into the reporting currency and the Overview has FX movements to show.
 * As CSV, the form staff import on the Analytics settings page.
 */
export function demoFxCsv(random: SeededRandom, start: number, end: number): string {
  const lines = ['day,base,quote,rate'];
  let rate = 1.08;
  for (let at = start - 7 * DAY_MS; at <= end; at += 7 * DAY_MS) {
    rate = Math.min(1.16, Math.max(1.02, rate + (random.next() - 0.5) * 0.02));
    lines.push(`${new Date(at).toISOString().slice(0, 10)},EUR,USD,${rate.toFixed(4)}`);
  }
  return lines.join('\n');
}
