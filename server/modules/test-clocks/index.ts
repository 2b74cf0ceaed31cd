/**
 * Test clocks: simulated time a sandbox customer lives on, which staff create, attach and
 * advance (running the customer's due jobs on the way). The clocks themselves are billing's
 * (server/modules/billing/repo/test-clocks.ts): billing reads the time a customer lives on.
 */
export { testClocksRouter } from './router';
