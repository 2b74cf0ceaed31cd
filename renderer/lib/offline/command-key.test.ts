import { describe, expect, it } from 'vitest';
import { readCommandKey } from '../../../shared/sync/offline';
import { commandContext, commandKeyOf, newCommandKey } from './command-key';

describe('command keys', () => {
  it('are fresh each time and always pass the desktop’s check', () => {
    const keys = Array.from({ length: 200 }, newCommandKey);
    expect(new Set(keys).size).toBe(200);
    for (const key of keys) expect(readCommandKey(key)).toBe(key);
  });

  it('travel in an operation’s context, and an odd value there sends none', () => {
    const key = newCommandKey();
    expect(commandKeyOf(commandContext(key).context)).toBe(key);
    expect(commandKeyOf({})).toBeNull();
    expect(commandKeyOf(undefined)).toBeNull();
    expect(commandKeyOf({ commandKey: 'short' })).toBeNull();
    expect(commandKeyOf({ commandKey: 42 })).toBeNull();
  });
});
