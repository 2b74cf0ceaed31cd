import type { Principal, Services } from '../../trpc/context';
import type { Logger } from '../../lib/logger';
import { failure, type RestFailure } from './errors';
import {
  claimKey,
  MAX_IDEMPOTENCY_KEY_LENGTH,
  pruneKeys,
  recordAnswer,
  releaseKey,
  requestHash,
  type IdempotencyScope,
} from './idempotency';

/** A POST with an Idempotency-Key: run once, replay after, refuse a reuse for another request. */

const PRINTABLE = /^[\x21-\x7e][\x20-\x7e]*$/;
const PRUNE_EVERY_MS = 60 * 60 * 1000;

export interface Answer {
  status: number;
  body: string;
}

const idempotencyError = (status: number, code: string, message: string) =>
  failure(status, 'idempotency_error', code, message, 'Idempotency-Key');

export async function answerIdempotently(
  services: Pick<Services, 'db' | 'clock'>,
  input: {
    principal: Principal;
    idempotencyKey: string;
    request: { method: string; path: string; body: Buffer };
    run: () => Promise<Answer>;
  },
): Promise<(Answer & { replayed: boolean }) | RestFailure> {
  const { principal, idempotencyKey: key } = input;
  if (key.length > MAX_IDEMPOTENCY_KEY_LENGTH || !PRINTABLE.test(key)) {
    return failure(
      400,
      'invalid_request_error',
      'idempotency_key_invalid',
      `Idempotency-Key must be 1 to ${MAX_IDEMPOTENCY_KEY_LENGTH} printable ASCII characters`,
      'Idempotency-Key',
    );
  }
  const tenantId = principal.via?.kind === 'apiKey' ? principal.via.tenantId : principal.defaultTenantId;
  if (!tenantId) throw new Error('A REST principal always has its key’s tenant');
  const scope: IdempotencyScope = { tenantId, principalId: principal.userId, key };
  const { db, clock } = services;
  const hash = requestHash(input.request.method, input.request.path, input.request.body);
  const claim = await claimKey(db, scope, hash, clock.now());
  switch (claim.kind) {
    case 'replay':
      return { status: claim.status, body: claim.body, replayed: true };
    case 'mismatch':
      return idempotencyError(
        400,
        'idempotency_key_reused',
        'This Idempotency-Key was already used with a different request (path or body) in the last 24 hours; use a new key',
      );
    case 'in_progress':
      return idempotencyError(
        409,
        'idempotency_key_in_use',
        'A request with this Idempotency-Key is still being processed; retry in a moment',
      );
    case 'run':
      break;
  }
  let answer: Answer;
  try {
    answer = await input.run();
  } catch (error) {
    await releaseKey(db, scope);
    throw error;
  }
  // As Stripe does: a request refused as invalid (400) changed nothing and keeps no answer, so
  // the same key can carry the corrected request; a failure on our side (5xx) may be retried.
  if (answer.status === 400 || answer.status >= 500) await releaseKey(db, scope);
  else await recordAnswer(db, scope, answer.status, answer.body);
  return { ...answer, replayed: false };
}

/** Prunes idempotency keys older than 24 hours now and every hour; returns the stop. */
export function pruneEvery(services: Pick<Services, 'db' | 'clock'>, logger: Logger): () => void {
  const prune = () =>
    void pruneKeys(services.db, services.clock.now()).catch((error: unknown) =>
      logger.error({ err: error }, 'pruning idempotency keys failed'),
    );
  prune();
  const timer = setInterval(prune, PRUNE_EVERY_MS);
  timer.unref();
  return () => clearInterval(timer);
}
