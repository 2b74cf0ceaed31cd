import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../migrate';
import { MIGRATIONS } from './index';

describe('migration sync_pull_indexes', () => {
  it("answers pull's members-of-these-tenants subquery from the index alone", () => {
    const sqlite = new Database(':memory:');
    migrate(sqlite, MIGRATIONS);
    const plan = sqlite
      .prepare("EXPLAIN QUERY PLAN SELECT user_id FROM memberships WHERE tenant_id IN ('ten_a', 'ten_b')")
      .all() as { detail: string }[];
    expect(plan.map((step) => step.detail)).toEqual([
      'SEARCH memberships USING COVERING INDEX memberships_tenant_user (tenant_id=?)',
    ]);
    sqlite.close();
  });
});
