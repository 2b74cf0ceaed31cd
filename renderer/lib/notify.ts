import { notifications } from '@mantine/notifications';
import { readServerProblem } from './errors';

/** A short confirmation that a command went through ("Customer created"). */
export function notifySuccess(title: string, message?: string): void {
  notifications.show({ title, message: message ?? '', color: 'teal', autoClose: 4000 });
}

/** A failed command: the server's own message, which names what to fix. */
export function notifyError(error: unknown, title = 'That did not work'): void {
  notifications.show({ title, message: readServerProblem(error).message, color: 'red', autoClose: 8000 });
}
