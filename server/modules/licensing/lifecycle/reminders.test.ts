import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DAY_MS } from '../../../../shared/licensing/policy';
import { reminderDue } from './reminders';

const EXPIRES = Date.UTC(2026, 2, 15, 9, 30);

/** Runs the reminders at each time in order, as the job does: the days sent, in order. */
function sentAt(times: readonly number[], expiresAt = EXPIRES): number[] {
  let reminded: number | null = null;
  const sent: number[] = [];
  for (const now of times) {
    const due = reminderDue(expiresAt, now, reminded);
    if (due === null) continue;
    sent.push(due);
    reminded = due;
  }
  return sent;
}

describe('reminderDue', () => {
  it('is due 30, 7 and 1 days ahead, at the boundary included', () => {
    expect(reminderDue(EXPIRES, EXPIRES - 30 * DAY_MS - 1, null)).toBeNull();
    expect(reminderDue(EXPIRES, EXPIRES - 30 * DAY_MS, null)).toBe(30);
    expect(reminderDue(EXPIRES, EXPIRES - 7 * DAY_MS, 30)).toBe(7);
    expect(reminderDue(EXPIRES, EXPIRES - DAY_MS, 7)).toBe(1);
    expect(reminderDue(EXPIRES, EXPIRES - 1, 1)).toBeNull();
    expect(reminderDue(EXPIRES, EXPIRES, null)).toBeNull();
    expect(reminderDue(null, EXPIRES, null)).toBeNull();
  });

  it('a daily run sends each of 30, 7 and 1 exactly once, in that order', () => {
    const days = Array.from({ length: 60 }, (_, i) => EXPIRES - 45 * DAY_MS + i * DAY_MS);
    expect(sentAt(days)).toEqual([30, 7, 1]);
  });

  it('whatever the run times, reminders only come nearer, each at most once, and never after expiry', () => {
    const times = fc
      .array(fc.integer({ min: EXPIRES - 60 * DAY_MS, max: EXPIRES + DAY_MS }), { maxLength: 40 })
      .map((ts) => [...ts].sort((a, b) => a - b));
    fc.assert(
      fc.property(times, (ts) => {
        const sent = sentAt(ts);
        expect(sent).toEqual([...new Set(sent)].sort((a, b) => b - a));
        for (const now of ts) if (now >= EXPIRES) expect(reminderDue(EXPIRES, now, null)).toBeNull();
        // The last run before expiry inside a window always leaves that window's reminder sent.
        const lastBefore = ts.filter((t) => t < EXPIRES).at(-1);
        if (lastBefore !== undefined && EXPIRES - lastBefore <= DAY_MS) expect(sent.at(-1)).toBe(1);
      }),
    );
  });
});
