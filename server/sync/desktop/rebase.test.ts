import fc from 'fast-check';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MutationOutcome } from '../push';
import { Outbox } from './outbox';
import { OptimisticCommands } from './rebase';
import { Replica } from './replica';
import {
  customerRow,
  localCustomerId,
  TEST_EFFECTS,
  type AppendInput,
  type ArchiveInput,
  type CreateInput,
  type CustomerRow,
} from './test-effects.test-kit';

/**
 * Rebase as a property: whatever the order of local commands, other users' changes on the
 * server, pushes (each command confirmed or refused, or the push cut off), pulls (in pages)
 * and cancels, the replica always shows the server's rows it has pulled with every command
 * still pending (or done but not yet pulled) re-applied on top, in order; and once all is
 * sent and pulled, exactly the server's rows.
 */

const TENANT = 'ten_prop';
const SEEDS = ['cus_seed_1', 'cus_seed_2', 'cus_seed_3'];

type Command =
  | { path: 'test.append'; input: AppendInput }
  | { path: 'test.create'; input: CreateInput }
  | { path: 'test.archive'; input: ArchiveInput };

type Step =
  | { kind: 'local'; command: Command }
  | { kind: 'other'; id: string; suffix: string; archive: boolean }
  | { kind: 'push'; count: number; refuse: boolean[]; cutOff: boolean; tryCancel: number }
  | { kind: 'pull'; pageSize: number }
  | { kind: 'cancel'; pick: number }
  | { kind: 'rescope' };

const seedId = fc.constantFrom(...SEEDS);
const command: fc.Arbitrary<Command> = fc.oneof(
  fc.record({
    path: fc.constant('test.append' as const),
    input: fc.record({ id: seedId, suffix: fc.constantFrom('a', 'b', 'c') }),
  }),
  fc.record({
    path: fc.constant('test.create' as const),
    input: fc.record({
      email: fc.constantFrom('x@new.test', 'y@new.test', 'z@new.test'),
      name: fc.constantFrom('New', 'Other'),
    }),
  }),
  fc.record({ path: fc.constant('test.archive' as const), input: fc.record({ id: seedId }) }),
);
const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('local' as const), command }) },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('other' as const),
      id: seedId,
      suffix: fc.constantFrom('X', 'Y'),
      archive: fc.boolean(),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('push' as const),
      count: fc.integer({ min: 1, max: 4 }),
      refuse: fc.array(fc.boolean(), { minLength: 4, maxLength: 4 }),
      cutOff: fc.boolean(),
      tryCancel: fc.integer({ min: 0, max: 3 }),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({ kind: fc.constant('pull' as const), pageSize: fc.integer({ min: 1, max: 3 }) }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('cancel' as const), pick: fc.nat() }) },
  // The user's reach changed: the replica starts over, pending commands and all.
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('rescope' as const) }) },
);

type Rows = Map<string, CustomerRow>;

/** What a command does to a set of rows (the server's, or the replica's model); throws as its effect does. */
function applyTo(rows: Rows, c: Command, outboxId: number, idOf: (outboxId: number) => string): void {
  if (c.path === 'test.create') {
    if ([...rows.values()].some((r) => r.email === c.input.email)) throw new Error('email taken');
    const id = idOf(outboxId);
    rows.set(
      id,
      customerRow(TENANT, id, {
        name: c.input.name,
        sort_name: c.input.name,
        email: c.input.email,
        created_at: 5,
        updated_at: 5,
      }),
    );
    return;
  }
  const row = rows.get(c.input.id);
  if (!row || row.status !== 'active') throw new Error('not active');
  rows.set(
    c.input.id,
    c.path === 'test.append'
      ? {
          ...row,
          name: row.name + c.input.suffix,
          sort_name: row.name + c.input.suffix,
          version: row.version + 1,
        }
      : { ...row, status: 'archived', version: row.version + 1 },
  );
}

/** The server: its rows, and a row log the replica pulls from. */
class ServerModel {
  rows: Rows = new Map(SEEDS.map((id) => [id, customerRow(TENANT, id, {})]));
  private log = new Map<string, number>();
  private seq = 0;

  constructor() {
    for (const id of SEEDS) this.touch(id);
  }

  touch(id: string) {
    this.log.set(id, ++this.seq);
  }

  changesAfter(cursor: number) {
    return [...this.log.entries()]
      .filter(([, seq]) => seq > cursor)
      .sort((a, b) => a[1] - b[1])
      .map(([key, seq]) => {
        const row = this.rows.get(key);
        return {
          seq,
          table: 'customers',
          key,
          op: row ? ('upsert' as const) : ('delete' as const),
          row: row ? JSON.stringify(row) : null,
        };
      });
  }
}

let dir: string;
let replica: Replica;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'tollgate-rebase-'));
  replica = Replica.open(join(dir, 'replica.sqlite'));
});

afterAll(async () => {
  await replica.close();
  rmSync(dir, { recursive: true, force: true });
});

function reset(): { outbox: Outbox; local: OptimisticCommands } {
  const { sqlite } = replica;
  for (const table of ['customers', 'sync_outbox', 'sync_overlay', 'sync_pending_marks', 'sync_state']) {
    sqlite.prepare(`DELETE FROM ${table}`).run();
  }
  const outbox = new Outbox(sqlite, () => ({}));
  const local = new OptimisticCommands({
    sqlite,
    overlay: replica.overlay,
    outbox,
    effects: TEST_EFFECTS,
    userId: 'usr_prop',
    parse: (_path, input) => input,
    changed: () => replica.touch(),
  });
  return { outbox, local };
}

function replicaRows(): CustomerRow[] {
  return replica.sqlite.prepare('SELECT * FROM customers ORDER BY id').all() as CustomerRow[];
}

const sorted = (rows: Rows) => [...rows.values()].sort((a, b) => (a.id < b.id ? -1 : 1));

describe('rebase', () => {
  it('keeps the replica equal to the server’s pulled rows with the pending commands re-applied in order', () => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 25 }), (steps) => {
        const { outbox, local } = reset();
        const server = new ServerModel();
        let seen: Rows = new Map();
        const commands = new Map<number, Command>();
        // The model of the outbox: which commands belong on the replica.
        const status = new Map<number, 'pending' | 'awaiting' | 'settled'>();

        const pull = (pageSize: number) => {
          const changes = server.changesAfter(replica.cursor);
          for (let i = 0; i === 0 || i < changes.length; i += pageSize) {
            const page = changes.slice(i, i + pageSize);
            const more = i + pageSize < changes.length;
            replica.applyPage(
              { changes: page, cursor: page.at(-1)?.seq ?? replica.cursor, scope: 's', more },
              1,
              () => local.caughtUp(),
            );
          }
          seen = new Map([...server.rows].map(([k, v]) => [k, { ...v }]));
          for (const [id, s] of status) if (s === 'awaiting') status.set(id, 'settled');
        };

        const push = (count: number, refuse: boolean[], cutOff: boolean, tryCancel: number) => {
          const batch = outbox.pending(count, 1);
          const inFlight = batch[tryCancel % Math.max(batch.length, 1)];
          if (inFlight) expect(() => outbox.cancel(inFlight.id, 1)).toThrow(/already sent/);
          if (cutOff) {
            outbox.landed();
            return;
          }
          const outcomes: MutationOutcome[] = batch.map((m, i) => {
            const c = commands.get(m.id);
            if (!c) throw new Error('unknown command');
            try {
              if (refuse[i]) throw new Error('refused');
              applyTo(server.rows, c, m.id, (id) => `cus_srv_${id}`);
              if (c.path === 'test.create') server.touch(`cus_srv_${m.id}`);
              else server.touch(c.input.id);
              status.set(m.id, 'awaiting');
              return { id: m.id, status: 'ok', result: null };
            } catch {
              status.set(m.id, 'settled');
              return { id: m.id, status: 'error', code: 'CONFLICT', message: 'Refused' };
            }
          });
          outbox.landed();
          if (outbox.settle(outcomes, 1) > 0) local.rebase();
        };

        const expected = (): CustomerRow[] => {
          const rows: Rows = new Map([...seen].map(([k, v]) => [k, { ...v }]));
          for (const [id, s] of [...status].sort((a, b) => a[0] - b[0])) {
            if (s === 'settled') continue;
            const c = commands.get(id);
            if (!c) continue;
            try {
              applyTo(rows, c, id, localCustomerId);
            } catch {
              // left off the replica; still queued
            }
          }
          return sorted(rows);
        };

        pull(100);
        for (const s of steps) {
          if (s.kind === 'local') {
            try {
              const id = local.queue(
                {
                  tenantId: TENANT,
                  path: s.command.path,
                  input: s.command.input,
                  parsed: s.command.input,
                  commandKey: null,
                },
                5,
              );
              commands.set(id, s.command);
              status.set(id, 'pending');
            } catch {
              // the effect refused on the replica as it is: nothing queued
            }
          } else if (s.kind === 'other') {
            const row = server.rows.get(s.id);
            if (row) {
              server.rows.set(
                s.id,
                s.archive
                  ? { ...row, status: 'archived' }
                  : { ...row, name: row.name + s.suffix, sort_name: row.name + s.suffix },
              );
              server.touch(s.id);
            }
          } else if (s.kind === 'push') {
            push(s.count, s.refuse, s.cutOff, s.tryCancel);
          } else if (s.kind === 'pull') {
            pull(s.pageSize);
          } else if (s.kind === 'rescope') {
            replica.clear();
            pull(3);
          } else {
            const pending = [...status].filter(([, st]) => st === 'pending').map(([id]) => id);
            const id = pending[s.pick % Math.max(pending.length, 1)];
            if (id !== undefined) {
              outbox.cancel(id, 1);
              local.rebase();
              status.set(id, 'settled');
            }
          }
          expect(replicaRows()).toEqual(expected());
          const replayed = new Set(outbox.replayed().map((c) => c.id));
          for (const mark of replica.overlay.marks()) expect(replayed.has(mark.outboxId)).toBe(true);
        }

        // Everything sent and pulled: the replica is the server's rows, with no layer left.
        push(1000, [], false, 0);
        pull(2);
        expect(replicaRows()).toEqual(sorted(server.rows));
        expect(replica.overlay.isEmpty()).toBe(true);
        expect(replica.overlay.marks()).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });
});
