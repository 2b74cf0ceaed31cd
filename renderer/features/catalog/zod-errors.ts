import type { z } from 'zod';

/**
 * Checks a form's input with the schema the server uses and returns the first problem per
 * field, as Mantine forms expect, so the user sees the server's rules before sending.
 */
export function zodFieldErrors(schema: z.ZodType, input: unknown): Record<string, string> {
  const parsed = schema.safeParse(input);
  const errors: Record<string, string> = {};
  if (parsed.success) return errors;
  for (const issue of parsed.error.issues) errors[issue.path.join('.') || '_'] ??= issue.message;
  return errors;
}
