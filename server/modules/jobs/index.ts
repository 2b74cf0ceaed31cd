export { jobsRouter } from './router';
export { jobsOverview, JOBS_PAGE_LIMIT, type JobsOverview, type JobView } from './view';
