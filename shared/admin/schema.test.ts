import { describe, expect, it } from 'vitest';
import { invitationCreateInput } from './schema';

const messages = (email: string) =>
  invitationCreateInput
    .safeParse({ scope: 'tenant', email, role: 'viewer' })
    .error?.issues.map((issue) => [issue.path.join('.'), issue.message]);

describe('an invitation’s email', () => {
  it('is required, said once, rather than called an invalid address', () => {
    expect(messages('')).toEqual([['email', 'Email is required']]);
    expect(messages('   ')).toEqual([['email', 'Email is required']]);
  });

  it('must still be an address when given', () => {
    expect(messages('grace at example')).toEqual([
      ['email', 'Email must be a valid address, like ada@example.com'],
    ]);
  });
});
