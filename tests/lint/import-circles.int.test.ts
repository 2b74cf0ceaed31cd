import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { importGraph } from './import-graph';

/**
 * No file takes part in an import circle, type imports included: a circle means a lower layer
 * knows a higher one, and every module in it must then be understood (and loaded) together.
 * The lint rule on layers (eslint.config.js) says where a new import may point; this proves
 * the result has no circle at all, also inside a layer.
 */
async function circlesIn(paths: string[], tsConfig: string): Promise<string[][]> {
  const graph = await importGraph(paths, tsConfig);
  return stronglyConnected(graph).filter(
    (group) => group.length > 1 || (graph[group[0] ?? ''] ?? []).includes(group[0] ?? ''),
  );
}

/** Tarjan's strongly connected components: each one of more than a file is a circle. */
function stronglyConnected(graph: Record<string, string[]>): string[][] {
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const groups: string[][] = [];
  const visit = (file: string): void => {
    index.set(file, counter);
    low.set(file, counter);
    counter += 1;
    stack.push(file);
    onStack.add(file);
    for (const next of graph[file] ?? []) {
      if (!(next in graph)) continue;
      if (!index.has(next)) {
        visit(next);
        low.set(file, Math.min(low.get(file) ?? 0, low.get(next) ?? 0));
      } else if (onStack.has(next)) {
        low.set(file, Math.min(low.get(file) ?? 0, index.get(next) ?? 0));
      }
    }
    if (low.get(file) !== index.get(file)) return;
    const group: string[] = [];
    let member: string | undefined;
    do {
      member = stack.pop();
      if (member === undefined) break;
      onStack.delete(member);
      group.push(member);
    } while (member !== file);
    groups.push(group.sort());
  };
  for (const file of Object.keys(graph)) if (!index.has(file)) visit(file);
  return groups;
}

describe('import circles', () => {
  const scratch = mkdtempSync(join(tmpdir(), 'tollgate-circles-'));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it('are found, type-only imports included (the check itself works)', async () => {
    writeFileSync(
      join(scratch, 'lower.ts'),
      "import type { Upper } from './upper';\nexport type Lower = Upper;\n",
    );
    writeFileSync(
      join(scratch, 'upper.ts'),
      "import { x } from './lower';\nexport const y = x;\nexport type Upper = 1;\n",
    );
    writeFileSync(join(scratch, 'apart.ts'), "import { y } from './upper';\nexport const z = y;\n");
    expect(await circlesIn([scratch], 'tsconfig.node.json')).toEqual([['lower.ts', 'upper.ts']]);
  });

  it('are none among the server, shared, Electron and test-support files', async () => {
    expect(await circlesIn(['server', 'shared', 'electron', 'tests'], 'tsconfig.node.json')).toEqual([]);
  });

  it('are none among the renderer files', async () => {
    expect(await circlesIn(['renderer'], 'tsconfig.web.json')).toEqual([]);
  });
});
