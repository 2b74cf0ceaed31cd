import { TRPCError } from '@trpc/server';
import { expect } from 'vitest';
import type { DomainErrorCode } from '../../shared/errors';
import { describeError } from '../trpc/errors';

/** What a client would see of an error a procedure threw. */
export function seenByClient(error: unknown) {
  expect(error).toBeInstanceOf(TRPCError);
  const trpcError = error as TRPCError;
  return { code: trpcError.code, ...describeError(trpcError) };
}

/** Runs `call`, expects it to fail, and returns what a client would see of the error. */
export async function clientError(call: () => Promise<unknown>) {
  try {
    await call();
  } catch (error) {
    return seenByClient(error);
  }
  throw new Error('expected the call to fail, and it succeeded');
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
