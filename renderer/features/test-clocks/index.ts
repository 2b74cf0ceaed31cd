/** What other billing screens use from test clocks. */
export { AdvanceClockDialog } from './AdvanceClockDialog';
export type { AdvancePreset } from './types';
