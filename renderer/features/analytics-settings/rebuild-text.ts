import type { RebuildView } from './types';

/** The rebuild's state in a sentence, and the progress as a percentage (null: nothing to show). */
export function rebuildText(rebuild: RebuildView): { text: string; percent: number | null; color: string } {
  if (rebuild.status === 'running') {
    const percent = rebuild.total > 0 ? Math.floor((rebuild.done / rebuild.total) * 100) : 0;
    const of =
      rebuild.total > 0
        ? `${rebuild.done.toLocaleString('en-US')} of ${rebuild.total.toLocaleString('en-US')} customers`
        : 'starting';
    return { text: `Rebuilding: ${of}`, percent, color: 'blue' };
  }
  if (rebuild.status === 'failed') {
    return {
      text: `The last rebuild failed: ${rebuild.error ?? 'no reason given'}`,
      percent: null,
      color: 'red',
    };
  }
  if (rebuild.rebuiltAt === null)
    return { text: 'Never rebuilt: the movements are as written.', percent: null, color: 'gray' };
  const differences = rebuild.differences ?? 0;
  return differences === 0
    ? {
        text: 'The last rebuild found every movement as written (0 differences).',
        percent: null,
        color: 'teal',
      }
    : {
        text: `The last rebuild found ${differences.toLocaleString('en-US')} movement ${differences === 1 ? 'row' : 'rows'} different and rewrote ${differences === 1 ? 'it' : 'them'}.`,
        percent: null,
        color: 'orange',
      };
}
