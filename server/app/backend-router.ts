import { publicProcedure, router } from '../trpc/base';

/** About this backend itself rather than any module's data. */
export const backendRouter = router({
  /** How this backend runs; anyone may ask, so the console can show it before anything else loads. */
  mode: publicProcedure.query(({ ctx }) => ({ mode: ctx.mode })),
});
