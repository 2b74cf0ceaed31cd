import { TRPCError, type AnyProcedure } from '@trpc/server';
import { z } from 'zod';
import { proceduresOf } from '../../trpc/procedures';
import { appRouter } from '../../app/router';
import { secretsOf, type SecretPaths } from '../../trpc/secrets';
import { LOCAL_NAMESPACES } from '../push';

/** A command the console made on a connected desktop, on its way to the server. */
export interface ForwardedCommand {
  path: string;
  input: unknown;
  tenantId: string;
}

/** True for commands that act on tenant data and so belong to the server, the authority. */
export function isServerCommand(path: string): boolean {
  return !LOCAL_NAMESPACES.some((ns) => path.startsWith(`${ns}.`));
}

/**
 * Checks a command's input here with the procedure's own schema, so a mistake is shown at
 * once, even offline, instead of coming back from the server later.
 */
export function checkCommandInput(path: string, input: unknown): void {
  const procedure = procedureAt(path);
  const inputs = (procedure?._def as { inputs?: unknown[] } | undefined)?.inputs ?? [];
  for (const parser of inputs) {
    if (!(parser instanceof z.ZodType)) continue;
    const parsed = parser.safeParse(input);
    if (!parsed.success) throw new TRPCError({ code: 'BAD_REQUEST', cause: parsed.error });
  }
}

function procedureAt(path: string): AnyProcedure | undefined {
  const procedures = proceduresOf(appRouter) as Record<string, AnyProcedure | undefined>;
  return Object.hasOwn(procedures, path) ? procedures[path] : undefined;
}

/** The secrets a command's procedure declared, so the outbox keeps none of them on disk. */
export function commandSecrets(path: string): SecretPaths {
  return secretsOf(procedureAt(path));
}
