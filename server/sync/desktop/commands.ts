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
  const procedure = procedures.find(path);
  const inputs = (procedure?._def as { inputs?: unknown[] } | undefined)?.inputs ?? [];
  for (const parser of inputs) {
    if (!(parser instanceof z.ZodType)) continue;
    const parsed = parser.safeParse(input);
    if (!parsed.success) throw new TRPCError({ code: 'BAD_REQUEST', cause: parsed.error });
  }
}

/** The secrets a command's procedure declared, so the outbox keeps none of them on disk. */
export function commandSecrets(procedures: ProcedureDirectory, path: string): SecretPaths {
  return secretsOf(procedures.find(path));
}
