import { describe, expect, it } from 'vitest';
import { fromLocalInput, toLocalInput } from './local-time';

const JAN_31 = Date.parse('2027-01-31T10:15:37.250Z');

describe('local input times', () => {
  it('read back what they wrote, to the minute', () => {
    const minute = Math.floor(JAN_31 / 60_000) * 60_000;
    expect(fromLocalInput(toLocalInput(JAN_31))).toBe(minute);
  });

  it('refuse what is not yet a full time', () => {
    expect(fromLocalInput('')).toBeNull();
    expect(fromLocalInput('2027-01-31')).toBeNull();
    expect(fromLocalInput('2027-13-45T99:00')).toBeNull();
  });
});
