import { foundation } from './0001_foundation';
import { billing } from './0002_billing';
import type { Migration } from './types';

/** Every migration, in order. Append only: a released migration is never edited. */
export const MIGRATIONS: readonly Migration[] = [foundation, billing];
