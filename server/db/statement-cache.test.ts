import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { withStatementCache } from './statement-cache';

describe('withStatementCache', () => {
  it('hands back the statement it prepared for the same SQL, and answers as a fresh one would', () => {
    const sqlite = new Database(':memory:');
    sqlite.exec("CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT); INSERT INTO t (v) VALUES ('a'), ('b')");
    const cached = withStatementCache(sqlite);
    const first = cached.prepare('SELECT v FROM t WHERE id = ?');
    expect(cached.prepare('SELECT v FROM t WHERE id = ?')).toBe(first);
    expect(first.all([2])).toEqual([{ v: 'b' }]);
    expect(cached.prepare('SELECT v FROM t WHERE id = ?').all([1])).toEqual([{ v: 'a' }]);
  });

  it('never hands out a statement that is still being iterated', () => {
    const sqlite = new Database(':memory:');
    sqlite.exec("CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT); INSERT INTO t (v) VALUES ('a'), ('b')");
    const cached = withStatementCache(sqlite);
    const sql = 'SELECT v FROM t ORDER BY id';
    const streaming = cached.prepare(sql).iterate([]);
    expect(streaming.next().value).toEqual({ v: 'a' });
    // The same SQL while the first is mid-iteration: a separate statement, or better-sqlite3 would refuse.
    expect(cached.prepare(sql).all([])).toEqual([{ v: 'a' }, { v: 'b' }]);
    expect(streaming.next().value).toEqual({ v: 'b' });
  });

  it('keeps at most the statements it has room for, dropping the least recently used', () => {
    const sqlite = new Database(':memory:');
    const cached = withStatementCache(sqlite, 2);
    const one = cached.prepare('SELECT 1');
    const two = cached.prepare('SELECT 2');
    expect(cached.prepare('SELECT 1')).toBe(one);
    cached.prepare('SELECT 3');
    expect(cached.prepare('SELECT 1')).toBe(one);
    expect(cached.prepare('SELECT 2')).not.toBe(two);
  });

  it('still answers after a migration changes the table under a kept statement', () => {
    const sqlite = new Database(':memory:');
    sqlite.exec("CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT); INSERT INTO t (v) VALUES ('a')");
    const cached = withStatementCache(sqlite);
    expect(cached.prepare('SELECT * FROM t').all([])).toEqual([{ id: 1, v: 'a' }]);
    sqlite.exec("ALTER TABLE t ADD COLUMN w TEXT NOT NULL DEFAULT 'x'");
    expect(cached.prepare('SELECT * FROM t').all([])).toEqual([{ id: 1, v: 'a', w: 'x' }]);
  });
});
