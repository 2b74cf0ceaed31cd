import { beforeEach, describe, expect, it } from 'vitest';
import { COMMAND_KEY_HEADER, queuedMarkOf } from '../../../shared/sync/offline';
import { appRouter } from '../../app/router';
import type { EmbeddedBackend } from '../../embedded/backend';
import { expectDomainError } from '../../testing/errors.test-kit';
import { desktopCaller } from './desktop.test-kit';
import { sceneForEachTest, seedAcme } from './scene.test-kit';

/**
 * Offline-first on a connected desktop, against a hosted server over real HTTP: commands show
 * at once on the replica, marked pending; a queued one answers, never fails; a form's key
 * makes a second submit the same command; the outbox names, cancels and retries; a refusal
 * rolls back; a restart keeps it all; the server applies each command once.
 */

const scene = sceneForEachTest('tollgate-offline-', { offlineProbeMs: 200 });
let acme: Awaited<ReturnType<typeof seedAcme>>['acme'];
let alanId: string;

beforeEach(async () => {
  ({ acme, alanId } = await seedAcme(scene.server));
});

function openDesktop(name: string, cutOff = true): Promise<EmbeddedBackend> {
  return scene.open(name, { cutOff });
}

async function connected(name: string, cutOff = true): Promise<EmbeddedBackend> {
  const desktop = await openDesktop(name, cutOff);
  await scene.connect(desktop);
  return desktop;
}

/** The console's calls from one opened form: each carries the form's command key. */
function fromForm(desktop: EmbeddedBackend, commandKey: string) {
  return appRouter.createCaller(
    desktop.contextFromHeaders((name) => (name === COMMAND_KEY_HEADER ? commandKey : undefined), 'desktop'),
  );
}

function serverCustomers(): Promise<{ id: string; email: string; company: string | null; status: string }[]> {
  return scene.server.backend.database.db
    .selectFrom('customers')
    .select(['id', 'email', 'company', 'status'])
    .orderBy('email')
    .execute();
}

async function names(desktop: EmbeddedBackend): Promise<string[]> {
  return (await desktopCaller(desktop).customers.list({ status: 'all' })).items.map((c) => c.name).sort();
}

describe('offline-first on a connected desktop', () => {
  it('shows an offline create, edit and archive at once, marked pending and named; back online each runs once', async () => {
    const d1 = await connected('d1');
    const d2 = await connected('d2', false);
    const before = await desktopCaller(d1).connection.status();
    scene.offline = true;

    const started = Date.now();
    const created = await desktopCaller(d1).customers.create({
      name: 'Grace Hopper',
      email: 'grace@acme.test',
      country: 'US',
    });
    expect(queuedMarkOf(created)?.label).toBe('Create customer Grace Hopper');
    expect(created.id).toMatch(/^cus_/);
    const edited = await desktopCaller(d1).customers.update({
      id: alanId,
      expectedVersion: 1,
      patch: { company: 'Bletchley' },
    });
    expect(queuedMarkOf(edited)?.label).toBe('Change company of Alan Turing');
    const archived = await desktopCaller(d1).customers.archive({ id: alanId });
    expect(queuedMarkOf(archived)?.label).toBe('Archive customer Alan Turing');
    // Offline, a command does not wait for a server that is not there.
    expect(Date.now() - started).toBeLessThan(3_000);

    expect(await names(d1)).toEqual(['Alan Turing', 'Grace Hopper']);
    expect(await desktopCaller(d1).customers.get({ id: alanId })).toMatchObject({
      company: 'Bletchley',
      status: 'archived',
      version: 3,
    });
    const status = await desktopCaller(d1).connection.status();
    expect(status).toMatchObject({ state: 'offline', pending: 3, refused: 0 });
    expect(status.replicaVersion).not.toBe(before.replicaVersion);
    const marks = await desktopCaller(d1).connection.pendingMarks();
    expect(marks.map((m) => [m.label, m.key, m.op])).toEqual([
      ['Create customer Grace Hopper', created.id, 'insert'],
      ['Change company of Alan Turing', alanId, 'update'],
      ['Archive customer Alan Turing', alanId, 'update'],
    ]);
    expect(marks[1]?.fields).toContain('company');
    const outbox = await desktopCaller(d1).connection.outbox({});
    expect(outbox.map((e) => [e.label, e.record?.key, e.status])).toEqual([
      ['Create customer Grace Hopper', created.id, 'pending'],
      ['Change company of Alan Turing', alanId, 'pending'],
      ['Archive customer Alan Turing', alanId, 'pending'],
    ]);
    expect((await serverCustomers()).map((c) => c.email)).toEqual(['alan@acme.test']);

    // The server is back: the desktop finds it on its own (a probe while offline), nobody navigates.
    scene.offline = false;
    await expect.poll(async () => (await desktopCaller(d1).connection.status()).pending).toBe(0);
    await expect.poll(async () => (await desktopCaller(d1).connection.pendingMarks()).length).toBe(0);
    expect((await desktopCaller(d1).connection.status()).state).toBe('connected');
    expect(await serverCustomers()).toMatchObject([
      { email: 'alan@acme.test', company: 'Bletchley', status: 'archived' },
      { email: 'grace@acme.test', status: 'active' },
    ]);
    const grace = (await serverCustomers())[1];
    // The provisional row made way for the server's: one Grace, with the server's id.
    const listed = (await desktopCaller(d1).customers.list({ status: 'all' })).items;
    expect(listed.map((c) => c.id).sort()).toEqual([alanId, grace?.id].sort());
    await desktopCaller(d2).connection.syncNow();
    expect(await names(d2)).toEqual(['Alan Turing', 'Grace Hopper']);
  });

  it('edits and archives a customer made offline before it syncs; back online the server gets one customer, all of it', async () => {
    const d1 = await connected('d1');
    scene.offline = true;
    const created = await desktopCaller(d1).customers.create({
      name: 'Grace Hopper',
      email: 'grace@acme.test',
      country: 'US',
    });
    const edited = await desktopCaller(d1).customers.update({
      id: created.id,
      expectedVersion: 1,
      patch: { company: 'Navy' },
    });
    expect(queuedMarkOf(edited)).toBeTruthy();
    const archived = await desktopCaller(d1).customers.archive({ id: created.id });
    expect(queuedMarkOf(archived)).toBeTruthy();

    // All three show at once on the provisional row, each pending.
    expect(await desktopCaller(d1).customers.get({ id: created.id })).toMatchObject({
      company: 'Navy',
      status: 'archived',
      version: 3,
    });
    expect(await desktopCaller(d1).connection.status()).toMatchObject({ state: 'offline', pending: 3 });
    const marks = await desktopCaller(d1).connection.pendingMarks();
    expect(marks.map((m) => [m.key, m.op])).toEqual([
      [created.id, 'insert'],
      [created.id, 'update'],
      [created.id, 'update'],
    ]);

    scene.offline = false;
    await expect.poll(async () => (await desktopCaller(d1).connection.status()).pending).toBe(0);
    await expect.poll(async () => (await desktopCaller(d1).connection.pendingMarks()).length).toBe(0);
    expect((await desktopCaller(d1).connection.status()).refused).toBe(0);
    const outbox = await desktopCaller(d1).connection.outbox({});
    expect(outbox.map((e) => e.status)).toEqual(['ok', 'ok', 'ok']);
    const grace = (await serverCustomers()).filter((c) => c.email === 'grace@acme.test');
    expect(grace).toMatchObject([{ company: 'Navy', status: 'archived' }]);
    // The replica holds the server's row only: its id, no provisional row left behind.
    await desktopCaller(d1).connection.syncNow();
    const listed = (await desktopCaller(d1).customers.list({ status: 'all' })).items;
    expect(listed.map((c) => c.id).sort()).toEqual([alanId, grace[0]?.id].sort());
    expect(await desktopCaller(d1).customers.get({ id: grace[0]?.id ?? '' })).toMatchObject({
      company: 'Navy',
      status: 'archived',
    });
  });

  it('takes a second submit of one form as the same command, offline and online', async () => {
    const d1 = await connected('d1');
    scene.offline = true;
    const form = fromForm(d1, 'form-key-grace-0001');
    const first = await form.customers.create({
      name: 'Grace Hopper',
      email: 'grace@acme.test',
      country: 'US',
    });
    const second = await form.customers.create({
      name: 'Grace Hopper',
      email: 'grace@acme.test',
      country: 'US',
    });
    expect(queuedMarkOf(second)).toEqual(queuedMarkOf(first));
    expect(second.id).toBe(first.id);
    expect((await desktopCaller(d1).connection.status()).pending).toBe(1);
    expect(await names(d1)).toEqual(['Alan Turing', 'Grace Hopper']);

    scene.offline = false;
    await desktopCaller(d1).connection.syncNow();
    // Once answered, the same key gets the server's answer: the customer it made, nothing new.
    const third = await form.customers.create({
      name: 'Grace Hopper',
      email: 'grace@acme.test',
      country: 'US',
    });
    expect(queuedMarkOf(third)).toBeNull();
    const onServer = (await serverCustomers()).filter((c) => c.email === 'grace@acme.test');
    expect(onServer).toHaveLength(1);
    expect(third.id).toBe(onServer[0]?.id);
    expect(await desktopCaller(d1).connection.outbox({})).toHaveLength(1);
  });

  it('rolls a refused edit back, keeps it as a notice until acknowledged, and retries it on demand', async () => {
    const d1 = await connected('d1');
    scene.offline = true;
    await desktopCaller(d1).customers.update({
      id: alanId,
      expectedVersion: 1,
      patch: { name: 'Alan M. Turing' },
    });
    expect((await desktopCaller(d1).customers.get({ id: alanId })).name).toBe('Alan M. Turing');
    // Meanwhile someone changes Alan on the server.
    await (
      await acme.caller()
    ).customers.update({ id: alanId, expectedVersion: 1, patch: { company: 'Server Co' } });

    scene.offline = false;
    const after = await desktopCaller(d1).connection.syncNow();
    expect(after).toMatchObject({ pending: 0, refused: 1 });
    expect(await desktopCaller(d1).customers.get({ id: alanId })).toMatchObject({
      name: 'Alan Turing',
      company: 'Server Co',
    });
    expect(await desktopCaller(d1).connection.pendingMarks()).toEqual([]);
    const [refused] = await desktopCaller(d1).connection.outbox({});
    expect(refused).toMatchObject({
      status: 'error',
      errorCode: 'CONFLICT',
      acknowledged: false,
      label: 'Change name of Alan Turing',
    });
    if (!refused) throw new Error('no refusal');

    // Retry ("keep mine"), offline: queued again, shown again, the refusal dealt with.
    scene.offline = true;
    const again = await desktopCaller(d1).connection.retry({ id: refused.id });
    expect(queuedMarkOf(again)).toMatchObject({ label: 'Change name of Alan Turing' });
    expect((await desktopCaller(d1).customers.get({ id: alanId })).name).toBe('Alan M. Turing');
    expect(await desktopCaller(d1).connection.status()).toMatchObject({ pending: 1, refused: 0 });

    // Cancelled instead, and a refusal acknowledged: nothing left to say.
    const pendingId = queuedMarkOf(again)?.outboxId ?? 0;
    await desktopCaller(d1).connection.cancel({ id: pendingId });
    expect((await desktopCaller(d1).customers.get({ id: alanId })).name).toBe('Alan Turing');
    await expectDomainError(
      () => desktopCaller(d1).connection.acknowledge({ id: pendingId }),
      'INVALID_STATE',
    );
  });

  it('cancels a pending create: gone from every screen at once, never sent', async () => {
    const d1 = await connected('d1');
    scene.offline = true;
    const created = await desktopCaller(d1).customers.create({
      name: 'Grace Hopper',
      email: 'grace@acme.test',
      country: 'US',
    });
    const mark = queuedMarkOf(created);
    if (!mark) throw new Error('not queued');
    const status = await desktopCaller(d1).connection.cancel({ id: mark.outboxId });
    expect(status).toMatchObject({ pending: 0 });
    expect(await names(d1)).toEqual(['Alan Turing']);
    expect(await desktopCaller(d1).connection.pendingMarks()).toEqual([]);

    scene.offline = false;
    await desktopCaller(d1).connection.syncNow();
    expect((await serverCustomers()).map((c) => c.email)).toEqual(['alan@acme.test']);
    expect((await desktopCaller(d1).connection.outbox({}))[0]?.status).toBe('cancelled');
    await expectDomainError(
      () => desktopCaller(d1).connection.cancel({ id: mark.outboxId }),
      'INVALID_STATE',
    );
  });

  it('keeps pending commands applied across a restart and sends each once when back', async () => {
    let d1 = await connected('d1');
    scene.offline = true;
    await desktopCaller(d1).customers.create({
      name: 'Grace Hopper',
      email: 'grace@acme.test',
      country: 'US',
    });
    await desktopCaller(d1).customers.update({
      id: alanId,
      expectedVersion: 1,
      patch: { company: 'Bletchley' },
    });
    await scene.close(d1);

    d1 = await openDesktop('d1');
    expect(await names(d1)).toEqual(['Alan Turing', 'Grace Hopper']);
    expect((await desktopCaller(d1).customers.get({ id: alanId })).company).toBe('Bletchley');
    expect((await desktopCaller(d1).connection.pendingMarks()).map((m) => m.op)).toEqual([
      'insert',
      'update',
    ]);

    scene.offline = false;
    await expect.poll(async () => (await desktopCaller(d1).connection.status()).pending).toBe(0);
    await expect.poll(async () => (await desktopCaller(d1).connection.pendingMarks()).length).toBe(0);
    expect(await serverCustomers()).toMatchObject([
      { email: 'alan@acme.test', company: 'Bletchley' },
      { email: 'grace@acme.test' },
    ]);
    expect(await names(d1)).toEqual(['Alan Turing', 'Grace Hopper']);
  });

  it('follows the server going and coming back on its own: a heartbeat while connected, a probe while offline', async () => {
    // The loop's interval here is an hour: only the heartbeat and the probe can notice.
    const d1 = await connected('d1', false);
    const port = scene.server.port;
    await scene.server.stop();
    await expect.poll(async () => (await desktopCaller(d1).connection.status()).state).toBe('offline');
    const queued = await desktopCaller(d1).customers.create({
      name: 'Grace Hopper',
      email: 'grace@acme.test',
      country: 'US',
    });
    expect(queuedMarkOf(queued)).not.toBeNull();

    await scene.restartServer(port);
    await expect.poll(async () => (await desktopCaller(d1).connection.status()).state).toBe('connected');
    await expect.poll(async () => (await desktopCaller(d1).connection.status()).pending).toBe(0);
    expect((await serverCustomers()).map((c) => c.email)).toEqual(['alan@acme.test', 'grace@acme.test']);
  });
});
