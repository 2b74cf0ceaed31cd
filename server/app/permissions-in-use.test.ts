import { describe, expect, it } from 'vitest';
import { ACCOUNT_PERMISSIONS, PERMISSIONS } from '../../shared/permissions';
import { listProcedures } from './procedures';

describe('permissions', () => {
  it('are each named by at least one procedure: none is granted for a feature that does not exist yet', () => {
    const named = new Set(listProcedures().map((p) => p.permission));
    expect(PERMISSIONS.filter((permission) => !named.has(permission))).toEqual([]);
    expect(ACCOUNT_PERMISSIONS.filter((permission) => !named.has(permission))).toEqual([]);
  });
});
