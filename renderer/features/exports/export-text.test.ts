import { describe, expect, it } from 'vitest';
import { durationText, percentDone, rowsText } from './export-text';

describe('rowsText', () => {
  it('counts against the total while running, and says so when there is none', () => {
    expect(rowsText({ status: 'running', rowsDone: 1234, rowsTotal: 5000 })).toBe('1,234 of 5,000 rows');
    expect(rowsText({ status: 'running', rowsDone: 1234, rowsTotal: null })).toBe('1,234 rows so far');
    expect(rowsText({ status: 'done', rowsDone: 1, rowsTotal: 1 })).toBe('1 row');
  });
});

describe('percentDone', () => {
  it('is null until counted, 100 once done', () => {
    expect(percentDone({ status: 'running', rowsDone: 50, rowsTotal: null })).toBeNull();
    expect(percentDone({ status: 'running', rowsDone: 50, rowsTotal: 200 })).toBe(25);
    expect(percentDone({ status: 'done', rowsDone: 0, rowsTotal: 0 })).toBe(100);
  });
});

describe('durationText', () => {
  it('says seconds, then minutes', () => {
    expect(durationText({ startedAt: 0, finishedAt: 3200 }, 0)).toBe('3.2 s');
    expect(durationText({ startedAt: 0, finishedAt: 125_000 }, 0)).toBe('2 min 5 s');
    expect(durationText({ startedAt: 1000, finishedAt: null }, 4000)).toBe('3.0 s');
    expect(durationText({ startedAt: null, finishedAt: null }, 4000)).toBeNull();
  });
});
