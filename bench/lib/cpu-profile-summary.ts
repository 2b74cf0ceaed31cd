/**
 * Where a V8 CPU profile's time went: self time by function and by package (or project
 * folder), the top lines of each. For the webhook bench's instance profiles:
 *
 *   npx tsx bench/lib/cpu-profile-summary.ts <file.cpuprofile> [lines]
 */
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}
interface Profile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

/** node_modules/<package>, the project folder two levels deep, or V8's own label. */
function placeOf(url: string): string {
  if (!url) return '(V8 / native)';
  const inModules = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (inModules) return inModules[1] ?? url;
  if (url.startsWith('node:')) return url;
  const inProject = /\/(server|shared|bench|tests)\/([^/]+)/.exec(url);
  return inProject ? `${inProject[1]}/${inProject[2]}` : url;
}

function top(totals: Map<string, number>, all: number, lines: number): string {
  return [...totals.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, lines)
    .map(
      ([name, us]) =>
        `${((100 * us) / all).toFixed(1).padStart(5)}%  ${(us / 1000).toFixed(0).padStart(7)} ms  ${name}`,
    )
    .join('\n');
}

const [file, lines = '25'] = process.argv.slice(2);
if (!file) throw new Error('usage: cpu-profile-summary.ts <file.cpuprofile> [lines]');
const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
const byId = new Map(profile.nodes.map((node) => [node.id, node]));
const byFunction = new Map<string, number>();
const byPlace = new Map<string, number>();
let all = 0;
profile.samples.forEach((id, n) => {
  const node = byId.get(id);
  const us = profile.timeDeltas[n] ?? 0;
  if (!node) return;
  all += us;
  const { functionName, url, lineNumber } = node.callFrame;
  const fn = `${functionName || '(anonymous)'} ${url.replace(/^.*\/(node_modules|work\/wt\/[^/]+)\//, '')}:${lineNumber + 1}`;
  byFunction.set(fn, (byFunction.get(fn) ?? 0) + us);
  byPlace.set(placeOf(url), (byPlace.get(placeOf(url)) ?? 0) + us);
});
process.stdout.write(
  `${(all / 1e6).toFixed(1)} s sampled\n\nby place:\n${top(byPlace, all, Number(lines))}\n\n` +
    `by function (self time):\n${top(byFunction, all, Number(lines))}\n`,
);
