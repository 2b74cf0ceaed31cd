import type { Kysely } from 'kysely';
import type { Principal } from '../../trpc/context';
import { API_KEY_PREFIX, verifyApiKey } from '../../auth';
import type { KeyUse } from '../../auth/api-key-cache';
import type { DB } from '../../db/schema';
import { DomainError } from '../../lib/errors';
import { failure, type RestFailure } from './errors';

/**
 * Who a REST request acts as: only an API key, `Authorization: Bearer tg_key_…` (the
 * tenant is the key's). A console session's access token is refused here even while it
 * is valid: REST is for services, and a token that leaks from a browser should not open it.
 * A key is checked by its SHA-256 (one indexed read, remembered a few seconds; no scrypt),
 * and its last use is written at most once a minute, after the answer: the check stays cheap.
 */

const KEY_HINT = `Send an API key of the workspace as "Authorization: Bearer ${API_KEY_PREFIX}…"; keys are made in the console under Admin → API keys`;

const refuse = (code: string, message: string) => failure(401, 'authentication_error', code, message);

export async function restPrincipal(
  db: Kysely<DB>,
  authorization: string | undefined,
  now: number,
  use: KeyUse,
): Promise<{ principal: Principal } | { refused: RestFailure }> {
  if (!authorization) return { refused: refuse('api_key_missing', `No API key. ${KEY_HINT}`) };
  const match = /^Bearer +(\S+)$/i.exec(authorization.trim());
  if (!match) return { refused: refuse('invalid_authorization', KEY_HINT) };
  const token = match[1] as string;
  if (!token.startsWith(API_KEY_PREFIX)) {
    return {
      refused: refuse(
        'api_key_required',
        `The REST API takes API keys only, not console sign-in tokens. ${KEY_HINT}`,
      ),
    };
  }
  try {
    return { principal: await verifyApiKey(db, token, now, use) };
  } catch (error) {
    if (error instanceof DomainError && error.code === 'UNAUTHENTICATED') {
      return { refused: refuse('api_key_invalid', error.message) };
    }
    throw error;
  }
}
