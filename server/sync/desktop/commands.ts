import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import type { ProcedureDirectory } from '../../trpc/context';
import { secretsOf, type SecretPaths } from '../../trpc/secrets';
import { LOCAL_NAMESPACES } from '../push';

/** True for commands that act on tenant data and so belong to the server, the authority. */
export function isServerCommand(path: string): boolean {
  return !LOCAL_NAMESPACES.some((ns) => path.startsWith(`${ns}.`));
}

/**
 * Checks a command's input here with the procedure's own schema, so a mistake is shown at
 * once, even offline, instead of coming back from the server later.
 */
export function checkCommandInput(procedures: ProcedureDirectory, path: string, input: unknown): void {
  parseCommandInput(procedures, path, input);
}

/**
 * The input as the procedure will see it (defaults filled in), which a command's local effect
 * is given. Several input parsers (tRPC merges them) give their objects merged.
 */
export function parseCommandInput(procedures: ProcedureDirectory, path: string, input: unknown): unknown {
  const procedure = procedures.find(path);
  const inputs = (procedure?._def as { inputs?: unknown[] } | undefined)?.inputs ?? [];
  let result: unknown = input;
  let first = true;
  for (const parser of inputs) {
    if (!(parser instanceof z.ZodType)) continue;
    const parsed = parser.safeParse(input);
    if (!parsed.success) throw new TRPCError({ code: 'BAD_REQUEST', cause: parsed.error });
    result =
      first || !isObject(result) || !isObject(parsed.data) ? parsed.data : { ...result, ...parsed.data };
    first = false;
  }
  return result;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The secrets a command's procedure declared, so the outbox keeps none of them on disk. */
export function commandSecrets(procedures: ProcedureDirectory, path: string): SecretPaths {
  return secretsOf(procedures.find(path));
}
