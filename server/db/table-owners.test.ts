import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TABLE_OWNERS, type Table } from './table-owners';

const ROOT = join(import.meta.dirname, '..', '..');

/**
 * Files that are not the server as it ships: tests, their helpers and fixtures (they set rows
 * up directly on purpose), and migrations (the schema's history, written by the database owner).
 */
const NOT_SHIPPED = [
  /\.test\.ts$/,
  /^server\/testing\//,
  /\/testing\.ts$/,
  /test-kit\.ts$/,
  /\/isolation-(fixture|attempts)\.ts$/,
  /^server\/db\/migrations\//,
];

/** Query-builder writes: `insertInto('t')`, `updateTable('t as x')`, `deleteFrom("t")`… */
const BUILDER_WRITE = /\.(insertInto|replaceInto|updateTable|deleteFrom|mergeInto)\(\s*([^)]*?)\s*[,)]/g;
/** Raw SQL writes, as this code base spells them (upper-case keywords, lower-case tables). */
const RAW_WRITE = /\b(INSERT(?:\s+OR\s+[A-Z]+)?\s+INTO|UPDATE|DELETE\s+FROM)\s+([a-z_]+)\b/g;

export interface Write {
  table: string;
  how: string;
  line: number;
}

const lineOf = (text: string, index: number) => text.slice(0, index).split('\n').length;

/** Every table write in a source text; a builder write whose table is not a literal is returned as `?`. */
export function writesIn(text: string): Write[] {
  const writes: Write[] = [];
  for (const match of text.matchAll(BUILDER_WRITE)) {
    const literal = /^['"`]([a-z_]+)(?:\s+as\s+\w+)?['"`]$/.exec(match[2] ?? '');
    writes.push({ table: literal?.[1] ?? '?', how: match[1] ?? '', line: lineOf(text, match.index) });
  }
  for (const match of text.matchAll(RAW_WRITE)) {
    const table = match[2] ?? '';
    if (table in TABLE_OWNERS)
      writes.push({ table, how: (match[1] ?? '').replace(/\s+/g, ' '), line: lineOf(text, match.index) });
  }
  return writes;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return name.endsWith('.ts') ? [path] : [];
  });
}

const owns = (owner: string, file: string) => file.startsWith(`${owner}/`);

describe('one owner per table', () => {
  it('finds writes by builder and by raw SQL, and flags a table it cannot read', () => {
    const text = [
      "await trx.insertInto('customers').values(row)",
      "db.updateTable('plans as p').set({})",
      'db.deleteFrom(table).where()',
      "sqlite.prepare('UPDATE payments SET status = ? WHERE id = ?')",
      '`INSERT OR IGNORE INTO jobs (id) VALUES (?)`',
      "'DELETE FROM sessions' // UPDATE nothing_here",
    ].join('\n');
    expect(writesIn(text).map((w) => `${w.how} ${w.table}@${w.line}`)).toEqual([
      'insertInto customers@1',
      'updateTable plans@2',
      'deleteFrom ?@3',
      'UPDATE payments@4',
      'INSERT OR IGNORE INTO jobs@5',
      'DELETE FROM sessions@6',
    ]);
  });

  it('names an owner folder that exists for every table', () => {
    const missing = Object.entries(TABLE_OWNERS).filter(([, owner]) => !existsSync(join(ROOT, owner)));
    expect(missing, 'owners whose folder moved: update server/db/table-owners.ts').toEqual([]);
  });

  it('has every table written only inside its owner', () => {
    const outside: string[] = [];
    for (const path of sourceFiles(join(ROOT, 'server'))) {
      const file = relative(ROOT, path).split('\\').join('/');
      if (NOT_SHIPPED.some((pattern) => pattern.test(file))) continue;
      for (const write of writesIn(readFileSync(path, 'utf8'))) {
        if (write.table === '?') {
          outside.push(`${file}:${write.line} ${write.how} on a table named at run time: name it literally`);
          continue;
        }
        const owner = TABLE_OWNERS[write.table as Table];
        if (!owns(owner, file))
          outside.push(
            `${file}:${write.line} ${write.how} ${write.table}, owned by ${owner}: call its exports`,
          );
      }
    }
    expect(outside).toEqual([]);
  });
});
