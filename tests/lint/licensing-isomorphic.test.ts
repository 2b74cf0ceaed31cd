import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { createContext, runInContext } from 'node:vm';
import { build } from 'esbuild';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { generateSigningKey } from '../../shared/licensing/keys';
import { fileContent, NOW } from '../../shared/licensing/licensing.test-kit';
import { issueFile } from '../../shared/licensing/files';

/**
 * The licensing core runs wherever the platform's apps do (Node, browsers, Electron's renderer):
 * it imports nothing but its own folder and shared/money, names no runtime global beyond Web
 * Crypto and TextEncoder/TextDecoder, and its verifier, bundled, runs in a context that has
 * exactly those and nothing else.
 */

// The licensing core's folder: this check reads its sources (it needs Node's fs and vm, which shared/ may not import).
const HERE = resolve(import.meta.dirname, '../../shared/licensing');
const SHARED = resolve(HERE, '..');
// The procedures' and the REST API's input schemas (`*schema.ts`, zod) sit beside the core for
// the console and the server; they are not part of what the apps embed, and the core never imports them.
const sources = readdirSync(HERE).filter(
  (f) => f.endsWith('.ts') && !/\.test(-kit)?\.ts$/.test(f) && !/schema\.ts$/.test(f),
);

/** Globals some runtimes have and others lack, or that work differently between them. */
const RUNTIME_GLOBALS = [
  'Buffer',
  'process',
  'require',
  'window',
  'document',
  'self',
  'atob',
  'btoa',
  'navigator',
];

function parse(file: string) {
  return ts.createSourceFile(file, readFileSync(join(HERE, file), 'utf8'), ts.ScriptTarget.ES2022, true);
}

function importsOf(source: ts.SourceFile): string[] {
  return source.statements.flatMap((s) =>
    (ts.isImportDeclaration(s) || ts.isExportDeclaration(s)) &&
    s.moduleSpecifier &&
    ts.isStringLiteral(s.moduleSpecifier)
      ? [s.moduleSpecifier.text]
      : [],
  );
}

function identifiersOf(node: ts.Node, found = new Set<string>()): Set<string> {
  if (ts.isIdentifier(node) && !ts.isPropertyAccessExpression(node.parent)) found.add(node.text);
  if (
    ts.isIdentifier(node) &&
    ts.isPropertyAccessExpression(node.parent) &&
    node.parent.expression === node
  ) {
    found.add(node.text);
  }
  ts.forEachChild(node, (child) => void identifiersOf(child, found));
  return found;
}

describe('shared/licensing is isomorphic', () => {
  it('has the sources this test reads', () => {
    expect(sources).toEqual(expect.arrayContaining(['decision.ts', 'verifier.ts', 'keys.ts', 'files.ts']));
  });

  it.each(sources)('%s imports only relative files inside shared/, never node: or a package', (file) => {
    for (const specifier of importsOf(parse(file))) {
      expect(specifier, `${file} imports ${specifier}`).toMatch(/^\.\.?\//);
      const target = relative(SHARED, resolve(HERE, specifier));
      expect(target.startsWith('..'), `${file} reaches outside shared/: ${specifier}`).toBe(false);
    }
  });

  it.each(sources)('%s names no runtime-specific global', (file) => {
    const names = identifiersOf(parse(file));
    expect(
      RUNTIME_GLOBALS.filter((name) => names.has(name)),
      file,
    ).toEqual([]);
  });

  it('the bundled verifier verifies a file with nothing but Web Crypto and TextEncoder/TextDecoder', async () => {
    const { signingKey, publicKey } = await generateSigningKey('k1');
    const text = await issueFile(fileContent(), signingKey);
    const bundle = await build({
      entryPoints: [join(HERE, 'verifier.ts')],
      bundle: true,
      write: false,
      format: 'iife',
      globalName: 'TollgateVerifier',
      platform: 'neutral',
    });
    const sandbox = createContext({ crypto: globalThis.crypto, TextEncoder, TextDecoder });
    runInContext(bundle.outputFiles[0]?.text ?? '', sandbox);
    const args = JSON.stringify([text, { keySet: { keys: [publicKey] }, now: NOW }]);
    const result: unknown = await runInContext(`TollgateVerifier.verifyFile(...${args})`, sandbox);
    expect(result).toMatchObject({ ok: true, kind: 'license', license: { id: 'lic_base' } });
    const at = text.indexOf('\n') + 20;
    const changed = text.slice(0, at) + (text[at] === 'A' ? 'B' : 'A') + text.slice(at + 1);
    const tampered = JSON.stringify([changed, { keySet: { keys: [publicKey] }, now: NOW }]);
    expect(
      (await runInContext(`TollgateVerifier.verifyFile(...${tampered})`, sandbox)) as unknown,
    ).toMatchObject({
      ok: false,
    });
  });
});
