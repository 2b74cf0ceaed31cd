import { startWebMode } from './web-mode';

/**
 * One web-mode backend for the whole run (workers: 1). Its URL reaches the tests through
 * the environment, which the worker processes inherit; the returned function is the teardown.
 */
export default async function globalSetup(): Promise<() => Promise<void>> {
  const web = await startWebMode();
  process.env.TOLLGATE_E2E_URL = web.url;
  return () => web.stop();
}
