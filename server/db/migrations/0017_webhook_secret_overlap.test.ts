import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../migrate';
import { MIGRATIONS } from './index';
import { webhookSecretOverlap } from './0017_webhook_secret_overlap';

describe('migration webhook_secret_overlap', () => {
  it('keeps each endpoint’s secret as its current one and schedules a prune for workspaces with endpoints', () => {
    const sqlite = new Database(':memory:');
    migrate(sqlite, MIGRATIONS.slice(0, MIGRATIONS.indexOf(webhookSecretOverlap)));
    const tenant = sqlite.prepare(`INSERT INTO tenants VALUES (?, ?, ?, 'active', 0)`);
    tenant.run('ten_1', 'One', 'one');
    tenant.run('ten_2', 'Two', 'two');
    sqlite
      .prepare(
        `INSERT INTO webhook_endpoints (id, tenant_id, url, description, event_types, status, secret_hint, version, created_at, updated_at)
         VALUES ('we_01KAAAAAAAAAAAAAAAAAAAAAAA', 'ten_1', 'https://a.example/in', '', '["invoice.paid"]', 'enabled', 'wxyz', 1, 5, 5)`,
      )
      .run();
    sqlite
      .prepare(
        `INSERT INTO webhook_secrets (endpoint_id, tenant_id, secret, created_at)
         VALUES ('we_01KAAAAAAAAAAAAAAAAAAAAAAA', 'ten_1', 'whsec_kept_wxyz', 5)`,
      )
      .run();
    migrate(sqlite, MIGRATIONS);

    expect(sqlite.prepare('SELECT * FROM webhook_secrets').all()).toEqual([
      {
        id: 'whs_01KAAAAAAAAAAAAAAAAAAAAAAA',
        endpoint_id: 'we_01KAAAAAAAAAAAAAAAAAAAAAAA',
        tenant_id: 'ten_1',
        secret: 'whsec_kept_wxyz',
        created_at: 5,
        expires_at: null,
      },
    ]);
    const jobs = sqlite.prepare(`SELECT tenant_id, kind, status, dedupe_key FROM jobs`).all() as {
      tenant_id: string;
      kind: string;
      status: string;
      dedupe_key: string;
    }[];
    expect(jobs).toEqual([
      {
        tenant_id: 'ten_1',
        kind: 'webhooks.prune',
        status: 'pending',
        dedupe_key: expect.stringMatching(/^webhooks\.prune:ten_1:\d+$/) as string,
      },
    ]);
  });
});
