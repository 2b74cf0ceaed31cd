import { router } from '../../trpc/base';
import { coursesRouter } from './courses/procedures';
import { instructorsRouter } from './instructors/procedures';
import { marketplaceSettingsRouter } from './settings/procedures';

/** Staff: the course marketplace (issue 16) — instructors, courses and their publishing, settings. */
export const marketplaceRouter = router({
  instructors: instructorsRouter,
  courses: coursesRouter,
  settings: marketplaceSettingsRouter,
});
