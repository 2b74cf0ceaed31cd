import type { Kysely, Transaction } from 'kysely';
import { newId } from '../../shared/ids';
import type { DB } from '../db/schema';
import { serializeOn } from '../db/locks';
import { chainOf, linkHash, readHead, writeHead } from './audit-chain';

export interface AuditEntryInput {
  tenantId: string | null;
  actorId: string | null;
  actorName: string;
  client: string;
  action: string;
  entityType: string;
  entityId: string;
  before: unknown;
  after: unknown;
  at: number;
}

export interface AuditEntry extends Omit<AuditEntryInput, 'before' | 'after'> {
  id: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

const toJson = (value: unknown) => (value === null || value === undefined ? null : JSON.stringify(value));

export async function insertAuditEntry(
  trx: Transaction<DB> | Kysely<DB>,
  entry: AuditEntryInput,
): Promise<string> {
  const id = newId('aud', entry.at);
  const chain = chainOf(entry.tenantId);
  // Reading the head and writing the link happen in the caller's transaction, one such
  // transaction per chain at a time (SQLite's single writer; a lock on PostgreSQL), so two
  // commands can never take the same position.
  await serializeOn(trx, `audit-chain:${chain}`);
  const head = await readHead(trx, chain);
  const content = {
    chain,
    seq: head.seq + 1,
    prevHash: head.hash,
    id,
    actorId: entry.actorId,
    actorName: entry.actorName,
    client: entry.client,
    action: entry.action,
    entityType: entry.entityType,
    entityId: entry.entityId,
    before: toJson(entry.before),
    after: toJson(entry.after),
    at: entry.at,
  };
  const hash = linkHash(content);
  await trx
    .insertInto('audit_log')
    .values({
      id,
      tenant_id: entry.tenantId,
      actor_id: content.actorId,
      actor_name: content.actorName,
      client: content.client,
      action: content.action,
      entity_type: content.entityType,
      entity_id: content.entityId,
      before: content.before,
      after: content.after,
      at: content.at,
      seq: content.seq,
      prev_hash: content.prevHash,
      hash,
    })
    .execute();
  await writeHead(trx, chain, { seq: content.seq, hash });
  return id;
}
