import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DomainError } from '../../lib/errors';
import { provisionalId } from './optimistic/provisional-id';
import { Outbox } from './outbox';
import { OptimisticCommands } from './rebase';
import { Replica } from './replica';
import { customerRow, TEST_EFFECTS } from './test-effects.test-kit';

const TENANT = 'ten_outbox';
let dir: string;
let replica: Replica;
let outbox: Outbox;
let local: OptimisticCommands;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'tollgate-outbox-'));
  replica = Replica.open(join(dir, 'replica.sqlite'));
  outbox = new Outbox(replica.sqlite, () => ({}));
  local = new OptimisticCommands({
    sqlite: replica.sqlite,
    overlay: replica.overlay,
    outbox,
    effects: TEST_EFFECTS,
    userId: 'usr_1',
    parse: (_path, input) => input,
    changed: () => replica.touch(),
  });
  const ada = customerRow(TENANT, 'cus_ada', { name: 'Ada' });
  replica.applyPage(
    {
      changes: [{ seq: 1, table: 'customers', key: ada.id, op: 'upsert', row: JSON.stringify(ada) }],
      cursor: 1,
      scope: 's',
    },
    1,
  );
});

afterEach(async () => {
  await replica.close();
  rmSync(dir, { recursive: true, force: true });
});

function queue(path: string, input: unknown, commandKey: string | null = null): number {
  return local.queue({ tenantId: TENANT, path, input, parsed: input, commandKey }, 10);
}

/** A DomainError with `code`, thrown at once by `work`. */
function expectRefused(work: () => unknown, code: string): void {
  let thrown: unknown = null;
  try {
    work();
  } catch (error) {
    thrown = error;
  }
  expect(thrown).toBeInstanceOf(DomainError);
  expect((thrown as DomainError).code).toBe(code);
}

const nameOf = (id: string) =>
  (replica.sqlite.prepare('SELECT name FROM customers WHERE id = ?').get(id) as { name: string } | undefined)
    ?.name;

describe('outbox', () => {
  it('names a command by its effect and applies it at once, marked pending', () => {
    const id = queue('test.append', { id: 'cus_ada', suffix: '!' });
    expect(nameOf('cus_ada')).toBe('Ada!');
    expect(outbox.list(10)[0]).toMatchObject({
      id,
      label: 'Append to cus_ada',
      record: { table: 'customers', key: 'cus_ada' },
      status: 'pending',
      inFlight: false,
      acknowledged: false,
      conflicts: null,
    });
    expect(replica.overlay.marks()).toEqual([
      {
        outboxId: id,
        label: 'Append to cus_ada',
        table: 'customers',
        key: 'cus_ada',
        op: 'update',
        fields: ['name', 'sort_name', 'version'],
      },
    ]);
    expect(outbox.queued(id).provisional).toMatchObject({ id: 'cus_ada', name: 'Ada!' });
  });

  it('finds a command by its key, and never takes a second command with the same key', () => {
    const id = queue('test.append', { id: 'cus_ada', suffix: '!' }, 'form-key-0001');
    expect(outbox.byKey('form-key-0001')).toEqual({ id, path: 'test.append', status: 'pending' });
    expect(() => queue('test.append', { id: 'cus_ada', suffix: '?' }, 'form-key-0001')).toThrow(/UNIQUE/);
    // The refused second one left nothing behind: neither a command nor its effect.
    expect(outbox.countPending()).toBe(1);
    expect(nameOf('cus_ada')).toBe('Ada!');
  });

  it('queues nothing when the effect refuses on the replica as it is', () => {
    queue('test.archive', { id: 'cus_ada' });
    expectRefused(() => queue('test.archive', { id: 'cus_ada' }), 'INVALID_STATE');
    expect(outbox.countPending()).toBe(1);
  });

  it('cancels a pending command (its effect leaves on rebase) but not one in flight or answered', () => {
    const first = queue('test.append', { id: 'cus_ada', suffix: '1' });
    const second = queue('test.append', { id: 'cus_ada', suffix: '2' });
    const third = queue('test.append', { id: 'cus_ada', suffix: '3' });
    expect(nameOf('cus_ada')).toBe('Ada123');

    const batch = outbox.pending(1, 20);
    expect(batch.map((m) => m.id)).toEqual([first]);
    expect(outbox.list(10).find((e) => e.id === first)?.inFlight).toBe(true);
    expectRefused(() => outbox.cancel(first, 20), 'INVALID_STATE');

    outbox.cancel(second, 20);
    local.rebase();
    expect(nameOf('cus_ada')).toBe('Ada13');
    expect(outbox.list(10).find((e) => e.id === second)?.status).toBe('cancelled');
    expect(outbox.queued(second).cancelled).toBe(true);

    // The push is answered: first done, waiting for its rows; it cannot be cancelled any more.
    outbox.landed();
    outbox.settle([{ id: first, status: 'ok', result: null }], 30);
    expectRefused(() => outbox.cancel(first, 40), 'INVALID_STATE');
    expect(outbox.pending(10, 40).map((m) => m.id)).toEqual([third]);
    expect(outbox.replayed().map((c) => c.id)).toEqual([first, third]);
  });

  it('keeps a refusal’s conflicts until the user acknowledges it, and hands it back for a retry', () => {
    const id = queue('test.append', { id: 'cus_ada', suffix: '!' });
    outbox.pending(10, 20);
    outbox.landed();
    const conflicts = [{ field: 'name', theirs: 'Ada L.', yours: 'Ada!' }];
    outbox.settle([{ id, status: 'error', code: 'CONFLICT', message: 'Changed meanwhile', conflicts }], 30);
    local.rebase();
    expect(nameOf('cus_ada')).toBe('Ada');
    expect(outbox.countRefused()).toBe(1);
    expect(outbox.list(10)[0]).toMatchObject({
      status: 'error',
      errorCode: 'CONFLICT',
      conflicts,
      acknowledged: false,
    });
    expect(outbox.answer(id)).toMatchObject({ status: 'error', code: 'CONFLICT', conflicts });
    expect(outbox.refused(id)).toEqual({
      tenantId: TENANT,
      path: 'test.append',
      input: { id: 'cus_ada', suffix: '!' },
    });

    outbox.acknowledge(id);
    expect(outbox.countRefused()).toBe(0);
    expect(outbox.list(10)[0]?.acknowledged).toBe(true);
    const pending = queue('test.append', { id: 'cus_ada', suffix: '?' });
    expectRefused(() => outbox.acknowledge(pending), 'INVALID_STATE');
    expectRefused(() => outbox.refused(pending), 'INVALID_STATE');
  });

  it('settles each command once: a second answer for it changes nothing', () => {
    const id = queue('test.append', { id: 'cus_ada', suffix: '!' });
    expect(outbox.settle([{ id, status: 'ok', result: { n: 1 } }], 30)).toBe(1);
    expect(outbox.settle([{ id, status: 'error', code: 'CONFLICT', message: 'late' }], 31)).toBe(0);
    expect(outbox.answer(id)).toEqual({ id, status: 'ok', result: { n: 1 } });
  });

  describe('a record made offline (decision 106)', () => {
    /** A create queued with the provisional answer its effect gave, as OptimisticCommands does. */
    function create(): { id: number; made: string } {
      const id = outbox.add({ tenantId: TENANT, path: 'customers.create', input: { name: 'Grace' } }, 10);
      const made = provisionalId('cus', id);
      outbox.describe(
        id,
        { label: 'Create customer Grace', record: { table: 'customers', key: made } },
        {
          id: made,
        },
      );
      return { id, made };
    }

    function edit(input: unknown, label: string, key: string): number {
      const id = outbox.add({ tenantId: TENANT, path: 'customers.update', input }, 11);
      outbox.describe(id, { label, record: { table: 'customers', key } }, undefined);
      return id;
    }

    it('points later pending commands at the server’s id when the create is done, exact values only', () => {
      const { id: createId, made } = create();
      const editId = edit(
        { id: made, patch: { notes: `about ${made}`, company: `${made}X` }, also: [made] },
        `Edit ${made}`,
        made,
      );
      // Sent in two pushes: the edit waits for the create's answer, the server would not know its id.
      expect(outbox.pending(10, 20).map((m) => m.id)).toEqual([createId]);
      outbox.landed();
      outbox.settle([{ id: createId, status: 'ok', result: { id: 'cus_server', name: 'Grace' } }], 30);

      const [sent] = outbox.pending(10, 40);
      expect(sent).toMatchObject({
        id: editId,
        input: {
          id: 'cus_server',
          patch: { notes: `about ${made}`, company: `${made}X` },
          also: ['cus_server'],
        },
      });
      expect(outbox.list(10).find((e) => e.id === editId)).toMatchObject({
        label: 'Edit cus_server',
        record: { table: 'customers', key: 'cus_server' },
      });
    });

    it('refuses here a command on a record whose create the server refused, with why', () => {
      const { id: createId, made } = create();
      const editId = edit({ id: made }, 'Edit Grace', made);
      outbox.pending(10, 20);
      outbox.landed();
      outbox.settle([{ id: createId, status: 'error', code: 'CONFLICT', message: 'Email taken' }], 30);
      expect(outbox.pending(10, 40)).toEqual([]);
      expect(outbox.answer(editId)).toMatchObject({
        status: 'error',
        code: 'INVALID_STATE',
        message: 'The customer this acts on was never created: Email taken',
      });
    });
  });
});
