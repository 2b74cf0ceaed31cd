export { createRestApi, type RestApi, type RestApiOptions } from './api';
export { REST_PREFIX, restDocument } from './document';
export { DEFAULT_REST_LIMITS, type RestLimits } from './limits';
export { restRouter } from './router';
