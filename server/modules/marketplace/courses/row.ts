import type { CourseFields, CourseLevel } from '../../../../shared/marketplace/schema';
import type { CourseStatus } from '../../../../shared/marketplace/publishing';
import { averageRating, weightedRating } from '../../../../shared/marketplace/rating';
import type { DB } from '../../../db/schema';

export type CourseRow = DB['courses'];
export type CoursePriceRow = DB['course_prices'];

export interface CoursePrice {
  currency: string;
  /** Minor units. */
  amount: number;
}

export interface CourseRating {
  /** The plain average of the published reviews; null without any. */
  average: number | null;
  /** What the rating sort orders by (shared/marketplace/rating.ts). */
  weighted: number;
  count: number;
}

/** A course as a list shows it: everything but the description. */
export interface CourseSummary {
  id: string;
  instructorId: string;
  title: string;
  subtitle: string;
  category: string;
  level: CourseLevel;
  language: string;
  status: CourseStatus;
  statusReason: string | null;
  shareBps: number | null;
  coverImageKey: string | null;
  currentVersionId: string | null;
  prices: CoursePrice[];
  rating: CourseRating;
  enrollmentCount: number;
  publishedAt: number | null;
  version: number;
  createdAt: number;
  updatedAt: number;
}

/** A course as its page shows it. */
export interface Course extends CourseSummary {
  description: string;
}

type SummaryColumns = Omit<CourseRow, 'tenant_id' | 'description'>;

export function toCourseSummary(row: SummaryColumns, prices: readonly CoursePrice[]): CourseSummary {
  const ratingSum = Number(row.rating_sum);
  const ratingCount = Number(row.rating_count);
  return {
    id: row.id,
    instructorId: row.instructor_id,
    title: row.title,
    subtitle: row.subtitle,
    category: row.category,
    level: row.level,
    language: row.language,
    status: row.status,
    statusReason: row.status_reason,
    shareBps: row.share_bps === null ? null : Number(row.share_bps),
    coverImageKey: row.cover_image_key,
    currentVersionId: row.current_version_id,
    prices: [...prices].sort((a, b) => (a.currency < b.currency ? -1 : a.currency > b.currency ? 1 : 0)),
    rating: {
      average: averageRating(ratingSum, ratingCount),
      weighted: weightedRating(ratingSum, ratingCount),
      count: ratingCount,
    },
    enrollmentCount: Number(row.enrollment_count),
    publishedAt: row.published_at === null ? null : Number(row.published_at),
    version: Number(row.version),
    createdAt: Number(row.created_at),
    updatedAt: Number(row.updated_at),
  };
}

export const toCourse = (row: CourseRow, prices: readonly CoursePrice[]): Course => ({
  ...toCourseSummary(row, prices),
  description: row.description,
});

/** The columns a course's fields are stored in (prices live in course_prices). */
export const courseColumns = (fields: CourseFields) => ({
  title: fields.title,
  subtitle: fields.subtitle,
  description: fields.description,
  category: fields.category,
  level: fields.level,
  language: fields.language,
  share_bps: fields.shareBps,
});

/** The fields of a stored course, as an edit starts from them. */
export function courseFieldsOf(course: Course): CourseFields {
  return {
    title: course.title,
    subtitle: course.subtitle,
    description: course.description,
    category: course.category,
    level: course.level,
    language: course.language,
    prices: course.prices.map((p) => ({ currency: p.currency, amount: p.amount })) as CourseFields['prices'],
    shareBps: course.shareBps,
  };
}
