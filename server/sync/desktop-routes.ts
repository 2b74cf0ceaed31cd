import { authRouter } from '../auth';
import { router } from '../trpc/base';
import { syncRouter } from './router';

/**
 * What a desktop calls on its hosted server: sign-in and sync. The app router serves these
 * routes at the same paths (server/app/router.ts spreads them in), so the desktop's client
 * (sync/desktop/server-link.ts) is typed by this router and never imports the app's.
 */
export const desktopRoutes = { auth: authRouter, sync: syncRouter };

/** Built only for its type; the app router is the one that serves these routes. */
export const desktopRoutesRouter = router(desktopRoutes);
export type DesktopRoutesRouter = typeof desktopRoutesRouter;
