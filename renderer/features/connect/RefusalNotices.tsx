import { notifications } from '@mantine/notifications';
import { useEffect, useRef } from 'react';
import { useOutbox, type OutboxItem } from './offline-api';
import { useOutboxCommands, type OutboxCommands } from './outbox-commands';
import { RefusalActions } from './RefusalActions';

const noticeId = (entry: OutboxItem) => `refused-command-${entry.id}`;

function showRefusal(entry: OutboxItem, commands: OutboxCommands): void {
  // The buttons close the notice themselves: the entry leaves the unacknowledged list a moment later.
  const closing: OutboxCommands = {
    ...commands,
    retry: (e) => {
      notifications.hide(noticeId(e));
      commands.retry(e);
    },
    edit: (e) => {
      notifications.hide(noticeId(e));
      commands.edit(e);
    },
    discard: (e) => {
      notifications.hide(noticeId(e));
      commands.discard(e);
    },
  };
  notifications.show({
    id: noticeId(entry),
    title: `Not saved: ${entry.label}`,
    message: <RefusalActions entry={entry} commands={closing} />,
    color: 'red',
    autoClose: false,
  });
}

/**
 * One notice per command the server refused and nobody has dealt with yet, wherever staff
 * are in the console: it names the record, gives the server's reason (and both values of a
 * conflict), and offers Retry, Edit and Discard. A refusal dealt with elsewhere (the Connect
 * page) takes its notice away.
 */
export function RefusalNotices({ connected }: { connected: boolean }) {
  const outbox = useOutbox({ enabled: connected });
  const commands = useOutboxCommands();
  const shown = useRef(new Set<number>());
  const commandsRef = useRef(commands);
  useEffect(() => {
    commandsRef.current = commands;
  });

  useEffect(() => {
    const open = (outbox.data ?? []).filter((entry) => entry.status === 'error' && !entry.acknowledged);
    const openIds = new Set(open.map((entry) => entry.id));
    for (const entry of open) {
      if (shown.current.has(entry.id)) continue;
      shown.current.add(entry.id);
      showRefusal(entry, commandsRef.current);
    }
    for (const id of shown.current) {
      if (openIds.has(id) || !outbox.data) continue;
      notifications.hide(`refused-command-${id}`);
      shown.current.delete(id);
    }
  }, [outbox.data]);

  return null;
}
