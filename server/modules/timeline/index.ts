/** The customer timeline: one story from the audit trail, the email outbox and the cards. */
export { timelineRouter } from './router';
export { customerTimeline, type TimelinePage } from './service';
export { TIMELINE_ENTITY_TYPES, type TimelineEntityType } from './entity-types';
export type { TimelineEntry, TimelineKind, TimelineLink } from './facts';
export { priceText } from './plans';
