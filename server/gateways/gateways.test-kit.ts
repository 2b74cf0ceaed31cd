import { expect } from 'vitest';
import { GatewayError } from './types';

/** Test helper: awaits a call that must fail with a GatewayError, and returns it for assertions. */
export async function gatewayErrorOf(call: Promise<unknown>): Promise<GatewayError> {
  const error: unknown = await call.then(
    () => new Error('expected the gateway call to fail, and it succeeded'),
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(GatewayError);
  return error as GatewayError;
}
