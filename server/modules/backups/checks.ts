import { createReadStream } from 'node:fs';
import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import { verifyAuditChain } from '../audit';

/** The file's SHA-256, read as a stream (a backup may be gigabytes). */
export async function sha256OfFile(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

export interface ChainsReport {
  chains: number;
  entries: number;
  problems: string[];
}

/**
 * Walks every audit chain of a restored database (each tenant's and the platform's), as
 * `audit.verify` does for one: a restore that lost, reordered or altered an entry fails here.
 */
export async function verifyAllChains(db: Kysely<DB>): Promise<ChainsReport> {
  const fromHeads = await db.selectFrom('audit_chain_heads').select('chain').execute();
  const fromEntries = await db.selectFrom('audit_log').select('tenant_id').distinct().execute();
  const tenants = new Set<string | null>([
    ...fromHeads.map((row) => (row.chain === '' ? null : row.chain)),
    ...fromEntries.map((row) => row.tenant_id),
  ]);
  const report: ChainsReport = { chains: 0, entries: 0, problems: [] };
  for (const tenantId of tenants) {
    const chain = await verifyAuditChain(db, tenantId);
    report.chains++;
    report.entries += chain.checked;
    if (!chain.ok) {
      const first = chain.problems[0];
      report.problems.push(
        `audit chain ${tenantId ?? '(platform)'} does not verify: ${first?.kind ?? 'unknown'} at entry ${first?.seq ?? '?'}`,
      );
    }
  }
  return report;
}
