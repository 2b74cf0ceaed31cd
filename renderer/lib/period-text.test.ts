import { describe, expect, it } from 'vitest';
import { periodText } from './period-text';

// Intl puts thin spaces around the dash. Noon UTC, so the dates are the same in every time zone the tests might run in.
const noon = (iso: string) => Date.parse(`${iso}T12:00:00Z`);

describe('periodText', () => {
  it('writes the year once when both ends share it', () => {
    expect(periodText(noon('2026-11-21'), noon('2026-12-21'), 'en-US')).toBe(
      'Nov 21\u2009–\u2009Dec 21, 2026',
    );
  });

  it('writes both years across a new year', () => {
    expect(periodText(noon('2026-12-21'), noon('2027-01-21'), 'en-US')).toBe(
      'Dec 21, 2026\u2009–\u2009Jan 21, 2027',
    );
  });
});
