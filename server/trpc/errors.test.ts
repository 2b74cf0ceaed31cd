import { TRPCError } from '@trpc/server';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { DOMAIN_ERROR_CODES } from '../../shared/errors';
import { DomainError } from '../lib/errors';
import { describeError, INTERNAL_MESSAGE, toTRPCError, TRPC_CODE_BY_DOMAIN } from './errors';

describe('error mapping', () => {
  it('maps every domain code to a distinct transport code and back', () => {
    const transport = DOMAIN_ERROR_CODES.map((code) => TRPC_CODE_BY_DOMAIN[code]);
    expect(new Set(transport).size).toBe(DOMAIN_ERROR_CODES.length);
    for (const code of DOMAIN_ERROR_CODES) {
      const error = toTRPCError(new DomainError(code, `about ${code}`));
      expect(error.code).toBe(TRPC_CODE_BY_DOMAIN[code]);
      expect(describeError(error)).toEqual({ message: `about ${code}`, data: { domainCode: code } });
    }
  });

  it('names each bad field, nested paths and unknown keys included', () => {
    const schema = z.strictObject({ id: z.string(), patch: z.strictObject({ email: z.email() }) });
    const parsed = schema.safeParse({ id: 1, patch: { email: 'x', plan: 'pro' }, extra: true });
    if (parsed.success) throw new Error('expected a validation failure');
    const described = describeError(new TRPCError({ code: 'BAD_REQUEST', cause: parsed.error }));
    expect(described.data.domainCode).toBe('INVALID_INPUT');
    expect(Object.keys(described.data.fieldErrors ?? {}).sort()).toEqual([
      'extra',
      'id',
      'patch.email',
      'patch.plan',
    ]);
    expect(described.data.fieldErrors?.extra).toEqual(['extra is not a field this accepts']);
    expect(described.message).toContain('patch.email:');
  });

  it('keeps keys named like Object.prototype members as plain fields, serialisable', () => {
    const keys = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf'];
    const input: unknown = JSON.parse(`{${keys.map((k) => `"${k}":{"a":1}`).join(',')}}`);
    const parsed = z.strictObject({ email: z.string() }).safeParse(input);
    if (parsed.success) throw new Error('expected a validation failure');
    const described = describeError(new TRPCError({ code: 'BAD_REQUEST', cause: parsed.error }));
    const sent = JSON.parse(JSON.stringify(described)) as typeof described;
    expect(Object.keys(sent.data.fieldErrors ?? {}).sort()).toEqual(['email', ...keys].sort());
    for (const key of keys) {
      expect(Object.getOwnPropertyDescriptor(sent.data.fieldErrors, key)?.value).toEqual([
        `${key} is not a field this accepts`,
      ]);
      expect(sent.message).toContain(`${key}: ${key} is not a field this accepts`);
    }
  });

  it('names a huge unknown key by its start only', () => {
    const key = 'k'.repeat(100_000);
    const parsed = z.strictObject({}).safeParse({ [key]: 1 });
    if (parsed.success) throw new Error('expected a validation failure');
    const described = describeError(new TRPCError({ code: 'BAD_REQUEST', cause: parsed.error }));
    expect(described.message.length).toBeLessThan(200);
    expect(described.message).toContain(`${'k'.repeat(64)}…`);
  });

  it('hides whatever an unexpected error says', () => {
    const leak = new Error('SQLITE_ERROR: no such table: secrets at /home/app/server/db.ts:12');
    const described = describeError(new TRPCError({ code: 'INTERNAL_SERVER_ERROR', cause: leak }));
    expect(described).toEqual({ message: INTERNAL_MESSAGE, data: { domainCode: 'INTERNAL' } });
  });
});
