/**
 * Test clocks: simulated time a sandbox customer lives on. Other modules read a clock here;
 * the app mounts ./router (not exported here: its commands run billing's jobs, and billing
 * reads clocks from this index, so exporting it would close an import circle).
 */
export { findTestClock, type TestClock } from './repo';
