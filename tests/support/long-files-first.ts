import { relative } from 'node:path';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * The order test files start in: the longest first, so no worker starts a 4-minute file
 * while the other is about to run out of work.
 *
 * Vitest orders by each file's duration in its results cache, but a clean clone (CI) has no
 * cache, and it then starts the largest files first: the 113-line scale-out test (240 s of
 * integration-pg's 380 s) started after two minutes, and its stage ended two minutes after
 * the rest. These are the files that took longest in a clean run (seconds, 2-core CI,
 * 2026-12-07), per project; they start first, longest first, and the rest follow in
 * vitest's own order. A file missing from the list only starts later than it could: a hint
 * for the scheduler, checked by nothing.
 */
const LONGEST: Record<string, Record<string, number>> = {
  integration: {
    'tests/integration/stripe-events-exactly-once.int.test.ts': 71,
    'electron/main/main-process.int.test.ts': 33,
    'server/hosted/main.int.test.ts': 33,
    'tests/lint/import-circles.int.test.ts': 24,
    'server/modules/emails/backend-wiring.int.test.ts': 15,
  },
  'integration-pg': {
    'tests/integration/scale-out.pg.int.test.ts': 242,
    'server/hosted/main.int.test.ts': 36,
    'server/app/isolation.int.test.ts': 26,
    'server/modules/stripe-billing/import.int.test.ts': 25,
    'server/hosted/readyz.pg.int.test.ts': 18,
    'server/modules/backups/backups.int.test.ts': 13,
    'server/http/prototype-keys.int.test.ts': 13,
    'server/app/isolation-scopes.int.test.ts': 11,
  },
};

export default class LongFilesFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const inVitestsOrder = await super.sort(files);
    const seconds = (spec: TestSpecification) =>
      LONGEST[spec.project.name]?.[relative(this.ctx.config.root, spec.moduleId)] ?? 0;
    // A stable sort: files of equal (unknown) length keep vitest's order.
    return inVitestsOrder.sort((a, b) => seconds(b) - seconds(a));
  }
}
