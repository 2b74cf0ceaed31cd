import { describe, expect, it } from 'vitest';
import { firstFieldErrors, formErrorsOf, readServerProblem } from './errors';

class FakeClientError extends Error {
  constructor(
    message: string,
    public data: unknown,
  ) {
    super(message);
  }
}

describe('readServerProblem', () => {
  it('keeps the server message, code and field errors', () => {
    const error = new FakeClientError('email: Another customer already uses this email', {
      domainCode: 'CONFLICT',
      fieldErrors: { email: ['Another customer already uses this email'] },
    });
    expect(readServerProblem(error)).toEqual({
      message: 'email: Another customer already uses this email',
      code: 'CONFLICT',
      fieldErrors: { email: ['Another customer already uses this email'] },
      conflicts: [],
    });
  });

  it('reads a conflict’s fields with both values, skipping malformed ones', () => {
    const error = new FakeClientError('Someone else changed the company', {
      domainCode: 'CONFLICT',
      fieldErrors: { company: ['Changed by someone else'] },
      conflicts: [{ field: 'company', theirs: 'Acme', yours: 'Acme Ltd' }, { theirs: 'no field' }, 'odd'],
    });
    expect(readServerProblem(error).conflicts).toEqual([
      { field: 'company', theirs: 'Acme', yours: 'Acme Ltd' },
    ]);
  });

  it('treats an error without data from a failed fetch as a connection problem', () => {
    const problem = readServerProblem(new TypeError('Failed to fetch'));
    expect(problem.code).toBe('NETWORK');
    expect(problem.message).toMatch(/could not reach/i);
  });

  it('ignores malformed field errors instead of crashing', () => {
    const error = new FakeClientError('Bad', { domainCode: 'INVALID_INPUT', fieldErrors: { name: 'oops' } });
    expect(readServerProblem(error).fieldErrors).toEqual({});
  });
});

describe('firstFieldErrors', () => {
  it('takes the first message of each field', () => {
    expect(firstFieldErrors({ email: ['first', 'second'], name: [] })).toEqual({ email: 'first' });
  });
});

describe('formErrorsOf', () => {
  it('gives each field the server named its first message', () => {
    const error = new FakeClientError('Check the fields', {
      domainCode: 'INVALID_INPUT',
      fieldErrors: { name: ['Give it a name', 'Shorter'], amount: ['Must be positive'] },
    });
    expect(formErrorsOf(error)).toEqual({ name: 'Give it a name', amount: 'Must be positive' });
  });

  it('puts the whole message on the form’s own line when no field is named', () => {
    const error = new FakeClientError('The license was changed by someone else', { domainCode: 'CONFLICT' });
    expect(formErrorsOf(error)).toEqual({ _: 'The license was changed by someone else' });
  });
});
