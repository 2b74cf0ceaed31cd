import type { LocalEffects } from './types';

/** Every command with an optimistic effect on a connected desktop's replica, by procedure path. */
export const LOCAL_EFFECTS: LocalEffects = {};
