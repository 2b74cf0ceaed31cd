import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { afterEach, beforeEach } from 'vitest';
import { newId } from '../../../../shared/ids';
import { DomainError } from '../../../lib/errors';
import { Replica } from '../replica';
import type { LocalCommand, LocalEffect, LocalWriter, RowKey } from './types';

/**
 * A real replica file for effects' tests, and a LocalWriter that writes straight to it (the
 * desktop's own writer also keeps the server's rows for a rebase; effects only see the
 * LocalWriter contract). Every write is recorded, as the pending marks would be.
 */

export const TENANT = 'ten_01JD00000000000000000000T1';
export const USER = 'usr_01JD00000000000000000000U1';
export const MADE_AT = Date.UTC(2026, 11, 6, 18, 0, 0);

export interface RecordedWrite {
  op: 'insert' | 'update' | 'remove';
  table: string;
  key: RowKey;
  fields: string[];
}

function keyColumns(sqlite: Database.Database, table: string): string[] {
  const info = sqlite.prepare(`PRAGMA table_info(${table})`).all() as { name: string; pk: number }[];
  return info
    .filter((c) => c.pk > 0)
    .sort((a, b) => a.pk - b.pk)
    .map((c) => c.name);
}

function columnsOf(sqlite: Database.Database, table: string): string[] {
  return (sqlite.prepare(`PRAGMA table_info(${table})`).all() as { name: string }[]).map((c) => c.name);
}

const keyValues = (columns: string[], key: RowKey): unknown[] =>
  columns.length === 1 ? [key] : (JSON.parse(key) as unknown[]);

export class DirectWriter implements LocalWriter {
  readonly writes: RecordedWrite[] = [];

  constructor(readonly sqlite: Database.Database) {}

  insert(table: string, row: Record<string, unknown>): void {
    const columns = columnsOf(this.sqlite, table);
    this.sqlite
      .prepare(`INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`)
      .run(...columns.map((c) => row[c] ?? null));
    const key = keyColumns(this.sqlite, table);
    const keyText =
      key.length === 1 ? String(row[key[0] ?? '']) : JSON.stringify(key.map((k) => row[k] ?? null));
    this.writes.push({ op: 'insert', table, key: keyText, fields: Object.keys(row) });
  }

  update(table: string, key: RowKey, fields: Record<string, unknown>): void {
    const keyCols = keyColumns(this.sqlite, table);
    const names = Object.keys(fields);
    const changed = this.sqlite
      .prepare(
        `UPDATE ${table} SET ${names.map((n) => `${n} = ?`).join(', ')}
         WHERE ${keyCols.map((k) => `${k} = ?`).join(' AND ')}`,
      )
      .run(...names.map((n) => fields[n] ?? null), ...keyValues(keyCols, key));
    if (changed.changes !== 1) throw new Error(`no ${table} row ${key} to update`);
    this.writes.push({ op: 'update', table, key, fields: names });
  }

  remove(table: string, key: RowKey): void {
    const keyCols = keyColumns(this.sqlite, table);
    this.sqlite
      .prepare(`DELETE FROM ${table} WHERE ${keyCols.map((k) => `${k} = ?`).join(' AND ')}`)
      .run(...keyValues(keyCols, key));
    this.writes.push({ op: 'remove', table, key, fields: [] });
  }
}

export interface TestReplica {
  replica: Replica;
  sqlite: Database.Database;
  /** Runs an effect as the desktop does: in one replica transaction, all or nothing. */
  apply(effect: LocalEffect, input: unknown, outboxId?: number): { result: unknown; writes: RecordedWrite[] };
  close(): Promise<void>;
}

let nextOutboxId = 1;

export function localCommand(input: unknown, outboxId = nextOutboxId++): LocalCommand {
  return { outboxId, tenantId: TENANT, userId: USER, madeAt: MADE_AT, input };
}

export function openTestReplica(): TestReplica {
  const dir = mkdtempSync(join(tmpdir(), 'tollgate-effects-'));
  const replica = Replica.open(join(dir, 'replica.db'));
  const sqlite = replica.sqlite;
  sqlite
    .prepare(
      "INSERT INTO tenants (id, name, slug, status, created_at) VALUES (?, 'Lumen', 'lumen', 'active', 0)",
    )
    .run(TENANT);
  return {
    replica,
    sqlite,
    apply(effect, input, outboxId) {
      const writer = new DirectWriter(sqlite);
      const result = sqlite.transaction(() => effect.apply(writer, localCommand(input, outboxId)))();
      return { result, writes: writer.writes };
    },
    async close() {
      await replica.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * A fresh replica for each test, closed after it, so no test sees another's rows. The object
 * returned stays the same while the replica behind it changes, so a file can hold it in a const.
 */
export function replicaForEachTest(): TestReplica {
  let current: TestReplica | undefined;
  beforeEach(() => {
    current = openTestReplica();
  });
  afterEach(async () => {
    await current?.close();
    current = undefined;
  });
  const now = (): TestReplica => {
    if (!current) throw new Error('the test replica is only open inside a test');
    return current;
  };
  return {
    get replica() {
      return now().replica;
    },
    get sqlite() {
      return now().sqlite;
    },
    apply: (effect, input, outboxId) => now().apply(effect, input, outboxId),
    close: () => now().close(),
  };
}

/** The DomainError an effect throws, so a test can check its code and message. */
export function refusal(run: () => unknown): DomainError {
  try {
    run();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected a DomainError');
}

/** Inserts a row as a pull would, every column not given left to its default. */
export function seedRow(sqlite: Database.Database, table: string, row: Record<string, unknown>): void {
  const names = Object.keys(row);
  sqlite
    .prepare(`INSERT INTO ${table} (${names.join(', ')}) VALUES (${names.map(() => '?').join(', ')})`)
    .run(...names.map((n) => row[n]));
}

export function seedCustomer(sqlite: Database.Database, fields: Record<string, unknown> = {}) {
  const row = {
    id: newId('cus'),
    tenant_id: TENANT,
    name: 'Ada Lovelace',
    sort_name: 'ada lovelace',
    email: 'ada@example.com',
    country: 'GB',
    company: 'Acme',
    notes: null,
    status: 'active',
    version: 3,
    created_at: 1,
    updated_at: 2,
    archived_at: null,
    ...fields,
  };
  seedRow(sqlite, 'customers', row);
  return row;
}

/** A paid invoice with its succeeded payment, as a pull brings them. */
export function seedPaidInvoice(
  sqlite: Database.Database,
  customerId: string,
  { amount = 2000, currency = 'USD', number = 'INV-000001' } = {},
) {
  const invoice = {
    id: newId('inv'),
    tenant_id: TENANT,
    customer_id: customerId,
    number,
    status: 'paid',
    billing_reason: 'manual',
    currency,
    subtotal: amount,
    total: amount,
    amount_due: amount,
    amount_paid: amount,
    created_at: 1,
    updated_at: 1,
  };
  seedRow(sqlite, 'invoices', invoice);
  const payment = {
    id: newId('pay'),
    tenant_id: TENANT,
    customer_id: customerId,
    invoice_id: invoice.id,
    amount,
    currency,
    status: 'succeeded',
    idempotency_key: `charge:${invoice.id}:1`,
    gateway: 'sandbox',
    gateway_ref: 'ch_1',
    attempt_number: 1,
    created_at: 1,
    updated_at: 1,
  };
  seedRow(sqlite, 'payments', payment);
  return { invoice, payment };
}

/** A card the customer can be charged on, made their default. */
export function seedDefaultCard(sqlite: Database.Database, customerId: string) {
  const card = {
    id: newId('pm'),
    tenant_id: TENANT,
    customer_id: customerId,
    gateway: 'sandbox',
    gateway_ref: 'card_1',
    brand: 'visa',
    last4: '4242',
    exp_month: 12,
    exp_year: 2030,
    status: 'active',
    created_at: 1,
  };
  seedRow(sqlite, 'payment_methods', card);
  sqlite
    .prepare('UPDATE customers SET gateway_customer_ref = ?, default_payment_method_id = ? WHERE id = ?')
    .run('cus_gw_1', card.id, customerId);
  return card;
}
