import type { Attempts } from './isolation-attempts-types.test-kit';

/**
 * The course marketplace (staff): instructors, courses and their publishing steps, settings.
 * Part of the isolation walk's attempts (isolation-attempts.test-kit.ts). B's instructor and
 * course carry Bertha's name, so an answer from A showing either is caught.
 */
export const MARKETPLACE_ATTEMPTS: Attempts = {
  // Reads: A's lists never show B's rows; B's instructor and course are not found from A.
  'marketplace.instructors.list': (a) => a.marketplace.instructors.list({ search: 'Bertha' }),
  'marketplace.instructors.get': (a, f) => a.marketplace.instructors.get({ id: f.bInstructorId }),
  'marketplace.courses.list': (a, f) => a.marketplace.courses.list({ instructorId: f.bInstructorId }),
  'marketplace.courses.get': (a, f) => a.marketplace.courses.get({ id: f.bCourseId }),
  'marketplace.courses.decisions': (a, f) => a.marketplace.courses.decisions({ id: f.bCourseId }),
  'marketplace.settings.get': (a) => a.marketplace.settings.get(),
  // An instructor in A linked to B's customer, a course in A by B's instructor: refused.
  'marketplace.instructors.create': (a, f) =>
    a.marketplace.instructors.create({
      name: 'Intruder',
      email: 'intruder@a.example',
      customerId: f.bCustomerId,
    }),
  'marketplace.courses.create': (a, f) =>
    a.marketplace.courses.create({
      instructorId: f.bInstructorId,
      title: 'Intruder',
      category: 'programming',
      level: 'beginner',
      language: 'en',
    }),
  // Changes to B's instructor and course.
  'marketplace.instructors.update': (a, f) =>
    a.marketplace.instructors.update({
      id: f.bInstructorId,
      expectedVersion: f.bInstructorVersion,
      patch: { shareBps: 10_000 },
    }),
  'marketplace.courses.update': (a, f) =>
    a.marketplace.courses.update({
      id: f.bCourseId,
      expectedVersion: f.bCourseVersion,
      patch: { prices: [{ currency: 'EUR', amount: 1 }] },
    }),
  'marketplace.courses.submitForReview': (a, f) =>
    a.marketplace.courses.submitForReview({ id: f.bCourseId, expectedVersion: f.bCourseVersion }),
  'marketplace.courses.approve': (a, f) =>
    a.marketplace.courses.approve({ id: f.bReviewCourseId, expectedVersion: f.bReviewCourseVersion }),
  'marketplace.courses.reject': (a, f) =>
    a.marketplace.courses.reject({
      id: f.bReviewCourseId,
      expectedVersion: f.bReviewCourseVersion,
      reason: 'Hijacked',
    }),
  'marketplace.courses.unpublish': (a, f) =>
    a.marketplace.courses.unpublish({
      id: f.bCourseId,
      expectedVersion: f.bCourseVersion,
      reason: 'Hijacked',
    }),
  'marketplace.courses.republish': (a, f) =>
    a.marketplace.courses.republish({ id: f.bCourseId, expectedVersion: f.bCourseVersion }),
  'marketplace.courses.archive': (a, f) =>
    a.marketplace.courses.archive({ id: f.bCourseId, expectedVersion: f.bCourseVersion }),
  // Rightly writes A's own settings (CREATES_INSIDE_A); B's stay as they were.
  'marketplace.settings.update': (a) =>
    a.marketplace.settings.update({ expectedVersion: 0, patch: { holdDays: 7 } }),
};
