import { router } from '../../trpc/base';
import { licenseCommands } from './licenses/procedures';
import { licenseQueries } from './queries/procedures';

/** Staff: licenses — the reads the Licenses pages list (queries/) and the actions on them (licenses/). */
export const licensesRouter = router({ ...licenseQueries, ...licenseCommands });
