import { formatDateTime } from '../../lib/format';

/** A step's duration: "0.4 s", "12 s", "3 min 5 s". */
export function seconds(ms: number): string {
  if (ms < 10_000) return `${(ms / 1000).toFixed(1)} s`;
  const whole = Math.round(ms / 1000);
  return whole < 60 ? `${whole} s` : `${Math.floor(whole / 60)} min ${whole % 60} s`;
}

const HOUR_MS = 60 * 60 * 1000;

/** The schedule in a sentence, or that there is none (the desktop's own database, or turned off). */
export function scheduleText(schedule: { everyMs: number; keep: number } | null): string {
  if (!schedule) {
    return 'This server takes no scheduled backups (TOLLGATE_BACKUP_INTERVAL_HOURS=off, or not a hosted server). `npm run backup` takes one now.';
  }
  const hours = schedule.everyMs / HOUR_MS;
  const every = hours === 24 ? 'every day' : hours === 1 ? 'every hour' : `every ${hours} hours`;
  return `A backup is taken ${every}; the ${schedule.keep} newest verified backups are kept.`;
}

/** Why the page warns, in words, or null when the newest verified backup is recent. */
export function staleWarning(overview: {
  warning: 'none_verified' | 'stale' | null;
  newestVerifiedAt: number | null;
}): { title: string; body: string } | null {
  if (overview.warning === 'none_verified') {
    return {
      title: 'No verified backup',
      body: 'There is no backup that restored and checked out. Until there is one, a lost or damaged database cannot be restored. See docs/runbooks/restore-from-backup.md.',
    };
  }
  if (overview.warning === 'stale' && overview.newestVerifiedAt !== null) {
    return {
      title: 'The newest verified backup is more than a day old',
      body: `It was taken ${formatDateTime(overview.newestVerifiedAt)}. Check the failures below and the server's log; a restore now would lose everything since.`,
    };
  }
  return null;
}
