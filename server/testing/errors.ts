import { TRPCError } from '@trpc/server';
import { expect } from 'vitest';
import type { DomainErrorCode } from '../../shared/errors';
import { describeError } from '../api/errors';

/** Runs `call`, expects it to fail, and returns what a client would see of the error. */
export async function clientError(call: () => Promise<unknown>) {
  let caught: unknown;
  try {
    await call();
  } catch (error) {
    caught = error;
  }
  expect(caught, 'expected the call to fail').toBeInstanceOf(TRPCError);
  const error = caught as TRPCError;
  return { code: error.code, ...describeError(error) };
}

/** Asserts the call fails with `domainCode`, returning the client-visible error. */
export async function expectDomainError(
  call: () => Promise<unknown>,
  domainCode: DomainErrorCode | 'INTERNAL',
) {
  const seen = await clientError(call);
  expect(seen.data.domainCode, seen.message).toBe(domainCode);
  return seen;
}
