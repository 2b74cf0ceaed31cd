import { CompiledQuery, type Kysely } from 'kysely';
import { dialectOf } from '../../db/dialect';
import type { DB } from '../../db/schema';

/**
 * Multi-row statements written once per shape and run as compiled SQL: a rebuild writes
 * hundreds of thousands of rows, and building each statement with the query builder cost more
 * than running it. The SQL text of a shape is always the same, so SQLite's statement cache
 * (server/db/statement-cache.ts) prepares it once.
 */
export class BulkSql {
  readonly #shapes = new Map<string, string>();

  constructor(private readonly db: Kysely<DB>) {}

  /** `$1, $2…` on PostgreSQL, `?` on SQLite, from `first`. */
  private marks(count: number, first: number): string[] {
    const postgres = dialectOf(this.db) === 'postgres';
    return Array.from({ length: count }, (_, i) => (postgres ? `$${first + i}` : '?'));
  }

  /** "(?, ?), (?, ?)" for `rows` rows of `width` values, after `before` parameters. */
  tuples(rows: number, width: number, before = 0): string {
    const key = `${rows}x${width}+${before}`;
    let text = this.#shapes.get(key);
    if (text === undefined) {
      const marks = this.marks(rows * width, before + 1);
      text = Array.from(
        { length: rows },
        (_, r) => `(${marks.slice(r * width, (r + 1) * width).join(', ')})`,
      ).join(', ');
      this.#shapes.set(key, text);
    }
    return text;
  }

  /** The i-th parameter's mark (1-based), for a statement's leading parameters. */
  mark(index: number): string {
    return dialectOf(this.db) === 'postgres' ? `$${index}` : '?';
  }

  async run(text: string, parameters: readonly unknown[]): Promise<void> {
    await this.db.executeQuery(CompiledQuery.raw(text, [...parameters]));
  }
}

/** `items` in slices of at most `size`. */
export function* chunks<T>(items: readonly T[], size: number): Generator<T[]> {
  for (let i = 0; i < items.length; i += size) yield items.slice(i, i + size);
}
