import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { parseScopes } from '../../auth/api-keys';
import { migrate } from '../migrate';
import { MIGRATIONS } from './index';
import { apiKeyScopes } from './0013_api_key_scopes';

describe('migration api_key_scopes', () => {
  it('gives each key made before scopes its role’s permissions, written out', () => {
    const sqlite = new Database(':memory:');
    migrate(sqlite, MIGRATIONS.slice(0, MIGRATIONS.indexOf(apiKeyScopes)));
    sqlite.prepare(`INSERT INTO tenants VALUES ('ten_1', 'One', 'one', 'active', 0)`).run();
    const insert = sqlite.prepare(
      `INSERT INTO api_keys (id, tenant_id, name, role, prefix, key_hash, created_at) VALUES (?, 'ten_1', ?, ?, 'tg_key_', ?, 0)`,
    );
    for (const role of ['admin', 'billing', 'viewer']) insert.run(`apk_${role}`, role, role, `hash ${role}`);
    migrate(sqlite, MIGRATIONS);

    const rows = sqlite.prepare('SELECT role, scopes, last_used_address FROM api_keys').all() as {
      role: string;
      scopes: string;
      last_used_address: string | null;
    }[];
    const scopes = Object.fromEntries(rows.map((r) => [r.role, parseScopes(r.scopes)]));
    expect(scopes.admin).toContain('users.manage');
    expect(scopes.billing).toContain('billing.write');
    expect(scopes.billing).not.toContain('users.manage');
    expect(scopes.viewer?.every((p) => p.endsWith('.read'))).toBe(true);
    expect(scopes.viewer).toContain('customers.read');
    expect(scopes.viewer).toContain('tenants.read');
    expect(rows.every((r) => r.last_used_address === null)).toBe(true);
  });
});
