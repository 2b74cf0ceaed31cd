/** Times as a `datetime-local` input holds them, in the user's own time zone. */

const pad = (n: number) => String(n).padStart(2, '0');

/** A time as a `datetime-local` input holds it: local, to the minute ("2026-11-21T09:30"). */
export function toLocalInput(ms: number): string {
  const d = new Date(ms);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** What a `datetime-local` input holds, back to epoch ms; null while it is incomplete. */
export function fromLocalInput(text: string): number | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/.test(text)) return null;
  const ms = new Date(text).getTime();
  return Number.isNaN(ms) ? null : ms;
}
