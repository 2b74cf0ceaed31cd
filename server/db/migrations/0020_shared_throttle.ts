import type { Migration } from './types';

/**
 * The sign-in throttle's counters, shared by every hosted instance on one PostgreSQL database
 * (server/auth/sign-in-store.ts, decision 111): rate-limiter-flexible's RateLimiterPostgres
 * reads and upserts them, one row per limiter key (`<limiter>:<key>`), `expire` in epoch
 * milliseconds (null: never). The library's own CREATE TABLE is never run (tableCreated: true),
 * so the shape is the library's with two choices of ours: `key` is TEXT, not varchar(255),
 * because a pair key is an address and an email of up to 320 characters; and the PostgreSQL
 * table is UNLOGGED: counters are not worth a WAL write per sign-in attempt, and a database
 * crash forgetting them costs no more than a restart of one in-memory server did before.
 *
 * SQLite gets the same table, unused (one process keeps its throttle in memory): one schema on
 * both databases, so the schema parity test and the Kysely types hold without an exception.
 */
export const sharedThrottle: Migration = {
  version: 20,
  name: 'shared_throttle',
  sql: /* sql */ `
    CREATE TABLE sign_in_throttle (
      key TEXT PRIMARY KEY,
      points INTEGER NOT NULL DEFAULT 0,
      expire INTEGER
    ) STRICT;
  `,
  postgres: /* sql */ `
    CREATE UNLOGGED TABLE sign_in_throttle (
      key TEXT PRIMARY KEY,
      points INTEGER NOT NULL DEFAULT 0,
      expire BIGINT
    );
  `,
};
