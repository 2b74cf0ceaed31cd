import { describe, expect, it } from 'vitest';
import { PERMISSIONS } from '../../shared/permissions';
import { listProcedures } from '../app/procedures';
import { REPLICATED_TABLES } from '../db/replicated-tables';
import { TIMELINE_ENTITY_TYPES } from '../modules/timeline';
import { CUSTOMER_TIMELINE_AUDIT, TABLE_REACH } from './replicated-tables';

const replicated = new Map(REPLICATED_TABLES.map((t) => [t.name, t]));
const procedures = new Map(listProcedures().map((p) => [p.path, p]));

describe('TABLE_REACH', () => {
  it('names every replicated table, and no other', () => {
    expect(Object.keys(TABLE_REACH).sort()).toEqual([...replicated.keys()].sort());
  });

  it('names permissions that exist, each that of a procedure listing the table', () => {
    for (const [table, reach] of Object.entries(TABLE_REACH)) {
      expect(PERMISSIONS, table).toContain(reach.permission);
      const listing = reach.listedBy.split('; ');
      const first = procedures.get(listing[0] ?? '');
      expect(first, `${table}: ${reach.listedBy}`).toBeDefined();
      expect(first?.type, table).toBe('query');
      expect(first?.permission, table).toBe(reach.permission);
      if (reach.kind === 'audit') {
        expect(PERMISSIONS).toContain(reach.customerPermission);
        expect(procedures.get(listing[1] ?? '')?.permission).toBe(reach.customerPermission);
      }
    }
  });
});

describe('CUSTOMER_TIMELINE_AUDIT', () => {
  it('ties exactly the entity types the customer timeline reads, no more and no fewer', () => {
    expect(Object.keys(CUSTOMER_TIMELINE_AUDIT).sort()).toEqual(Object.keys(TIMELINE_ENTITY_TYPES).sort());
  });

  it('ties each entity type to a replicated table by its key, with the customer column named', () => {
    for (const [entityType, { table, key, customer }] of Object.entries(CUSTOMER_TIMELINE_AUDIT)) {
      const replica = replicated.get(table);
      expect(replica?.key, entityType).toEqual([key]);
      expect(replica?.columns, entityType).toContain('tenant_id');
      expect(replica?.columns, entityType).toContain(customer);
    }
  });

  it('names permissions that exist for each entity type', () => {
    for (const permission of Object.values(TIMELINE_ENTITY_TYPES)) expect(PERMISSIONS).toContain(permission);
  });
});
