import { notifications } from '@mantine/notifications';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { QUEUED_KEY } from '../../shared/sync/offline';
import { notifyQueued, notifySuccess } from './notify';
import { takeQueuedMark } from './offline/queued-answers';

vi.mock('@mantine/notifications', () => ({ notifications: { show: vi.fn() } }));
const show = vi.mocked(notifications.show);

beforeEach(() => {
  show.mockClear();
});

describe('notifySuccess', () => {
  it('stays silent for an answer that was queued: "created" would be a promise', () => {
    const { data } = takeQueuedMark({
      id: 'cus_x',
      [QUEUED_KEY]: { outboxId: 1, label: 'Create customer Ada' },
    });
    notifySuccess('Customer created', 'Ada was added.', data);
    expect(show).not.toHaveBeenCalled();
  });

  it('confirms an answer the server gave, and a command whose answer is not passed', () => {
    notifySuccess('Customer created', 'Ada was added.', { id: 'cus_1' });
    notifySuccess('Connected');
    expect(show.mock.calls.map(([shown]) => shown.title)).toEqual(['Customer created', 'Connected']);
  });
});

describe('notifyQueued', () => {
  it('says neutrally that the change is saved here and names it', () => {
    notifyQueued('Refund $5.00 on INV-000001');
    expect(show).toHaveBeenCalledWith(
      expect.objectContaining({
        title: 'Saved — will sync when online',
        message: 'Refund $5.00 on INV-000001',
        color: 'gray',
      }),
    );
  });
});
