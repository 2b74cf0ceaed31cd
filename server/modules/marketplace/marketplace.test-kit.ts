import type { CourseCreateInput, InstructorCreateInput } from '../../../shared/marketplace/schema';
import type { CourseStatus } from '../../../shared/marketplace/publishing';
import type { TestWorld } from '../../testing/world.test-kit';

/** A caller of the app's procedures, as a test world makes them. */
type Caller = ReturnType<TestWorld['as']>;

let counter = 0;

/** A new instructor's input, with an email no other has. */
export function instructorInput(overrides: Partial<InstructorCreateInput> = {}): InstructorCreateInput {
  counter += 1;
  return { name: `Grace Hopper ${counter}`, email: `grace.${counter}@teach.example`, ...overrides };
}

/** A new course's input: an English beginner course in programming, priced in USD and EUR. */
export function courseInput(
  instructorId: string,
  overrides: Partial<CourseCreateInput> = {},
): CourseCreateInput {
  return {
    instructorId,
    title: 'Compilers from scratch',
    subtitle: 'Parse, check and generate code',
    description: 'A hands-on course: a lexer, a parser, a type checker and a code generator.',
    category: 'programming',
    level: 'beginner',
    language: 'en',
    prices: [
      { currency: 'USD', amount: 1999 },
      { currency: 'EUR', amount: 1799 },
    ],
    ...overrides,
  };
}

/** The publishing steps that bring a new draft to each status (moderated by `moderator`). */
const PATHS: Record<CourseStatus, readonly ('submit' | 'approve' | 'unpublish' | 'archive')[]> = {
  draft: [],
  in_review: ['submit'],
  published: ['submit', 'approve'],
  unpublished: ['submit', 'approve', 'unpublish'],
  archived: ['archive'],
};

/** A new course of `instructorId` taken to `status` by `staff`, as it stands after its last step. */
export async function courseIn(
  staff: Caller,
  instructorId: string,
  status: CourseStatus,
  overrides: Partial<CourseCreateInput> = {},
) {
  let course = await staff.marketplace.courses.create(courseInput(instructorId, overrides));
  for (const step of PATHS[status]) {
    const at = { id: course.id, expectedVersion: course.version };
    const courses = staff.marketplace.courses;
    course =
      step === 'submit'
        ? await courses.submitForReview(at)
        : step === 'approve'
          ? await courses.approve(at)
          : step === 'unpublish'
            ? await courses.unpublish({ ...at, reason: null })
            : await courses.archive(at);
  }
  return course;
}
