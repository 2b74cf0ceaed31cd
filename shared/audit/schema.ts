import { z } from 'zod';
import { pageInput } from '../page';

/** Filters of the audit log page; every one optional, all combined with AND. */
export const auditListInput = z
  .strictObject({
    actor: z.string().trim().min(1).max(200).optional(),
    entityType: z
      .string()
      .regex(/^[a-z_]{1,40}$/, 'entityType must be an entity type like customer or invoice')
      .optional(),
    entityId: z.string().trim().min(1).max(100).optional(),
    /** An action, or its prefix before a dot ("invoice." for every invoice action). */
    action: z
      .string()
      .regex(/^[a-z_.]{1,80}$/, 'action must be an action like customer.created, or a prefix like invoice.')
      .optional(),
    /** UTC epoch ms, inclusive. */
    from: z.number().int().nonnegative().optional(),
    /** UTC epoch ms, exclusive. */
    to: z.number().int().positive().optional(),
    ...pageInput({ max: 200, default: 50 }),
  })
  .refine((input) => input.from === undefined || input.to === undefined || input.from < input.to, {
    message: 'from must be before to',
    path: ['from'],
  });

export type AuditListInput = z.input<typeof auditListInput>;
