/** The course marketplace (issue 16): instructors, courses, publishing, settings; sales and payouts to come. */
export { marketplaceRouter } from './router';
export { findInstructor } from './instructors/service';
export type { Instructor } from './instructors/row';
export { findCourse } from './courses/service';
export type { Course, CoursePrice, CourseRating, CourseSummary } from './courses/row';
export type { CourseListItem } from './courses/list';
export type { CourseDecisionEntry } from './courses/decisions';
export {
  marketplaceSettings,
  DEFAULT_MARKETPLACE_SETTINGS,
  type MarketplaceSettings,
} from './settings/service';
