/** One search over the tenant's objects, for the command palette. */
export { searchRouter } from './router';
