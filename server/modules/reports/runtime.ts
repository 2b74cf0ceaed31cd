import { DomainError } from '../../lib/errors';
import type { ExportRunner } from './runner';

declare module '../../trpc/context' {
  interface Services {
    /** Where this backend writes exports and runs them (server/modules/reports); unset where none run. */
    exports?: ExportRunner;
  }
}

/** This backend's export runner, or a clear refusal where exports are not set up. */
export function requireRunner(services: { exports?: ExportRunner }): ExportRunner {
  if (!services.exports) throw new DomainError('INVALID_STATE', 'Exports are not set up on this backend');
  return services.exports;
}
