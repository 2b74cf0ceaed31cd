import { CompiledQuery, sql } from 'kysely';
import type { AppDatabase } from '../db/connection';

/**
 * The steps of the database's plan for a query. SQLite: EXPLAIN QUERY PLAN's details.
 * PostgreSQL: each plan node as "<type> <relation> <index condition>", planned on fresh statistics with sequential
 * and bitmap scans off, since on a test's few rows a full scan is cheapest and says nothing of
 * the plan at scale; a Sort node then means no index gives the log's order under this reach.
 */
export async function planOf(database: AppDatabase, query: CompiledQuery): Promise<string[]> {
  if (database.dialect === 'sqlite') {
    const plan = database.sqlite
      .prepare(`EXPLAIN QUERY PLAN ${query.sql}`)
      .all(...(query.parameters as unknown[])) as { detail: string }[];
    return plan.map((step) => step.detail);
  }
  // Statistics taken now, not whenever autovacuum gets to the test's tables: without this the
  // same query was planned one way or another depending on the run's timing.
  await sql`ANALYZE`.execute(database.db);
  return database.db.transaction().execute(async (trx) => {
    await sql`SET LOCAL enable_seqscan = off`.execute(trx);
    await sql`SET LOCAL enable_bitmapscan = off`.execute(trx);
    const explained = await trx.executeQuery<{ 'QUERY PLAN': [{ Plan: PlanNode }] }>(
      CompiledQuery.raw(`EXPLAIN (FORMAT JSON) ${query.sql}`, [...query.parameters]),
    );
    const steps: string[] = [];
    const walk = (node: PlanNode) => {
      steps.push([node['Node Type'], node['Relation Name'] ?? '', node['Index Cond'] ?? ''].join(' ').trim());
      for (const child of node.Plans ?? []) walk(child);
    };
    walk(explained.rows[0]?.['QUERY PLAN'][0].Plan as PlanNode);
    return steps;
  });
}
interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Cond'?: string;
  Plans?: PlanNode[];
}
