import { notifications } from '@mantine/notifications';
import { readServerProblem } from './errors';
import { wasQueued } from './offline/queued-answers';

/**
 * A short confirmation that a command went through ("Customer created"). Given the command's
 * answer, it stays silent when the answer was queued on this desktop: the neutral "Saved —
 * will sync when online" notice already said what happened, and "created" would be a promise.
 */
export function notifySuccess(title: string, message?: string, answer?: unknown): void {
  if (answer !== undefined && wasQueued(answer)) return;
  notifications.show({ title, message: message ?? '', color: 'teal', autoClose: 4000 });
}

/** A command kept in the outbox until the server is reachable: neither a success nor a failure. */
export function notifyQueued(label: string): void {
  notifications.show({
    title: 'Saved — will sync when online',
    message: label,
    color: 'gray',
    autoClose: 5000,
  });
}

/** A failed command: the server's own message, which names what to fix. */
export function notifyError(error: unknown, title = 'That did not work'): void {
  notifications.show({ title, message: readServerProblem(error).message, color: 'red', autoClose: 8000 });
}
