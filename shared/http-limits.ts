/**
 * Bounds on one tRPC request over HTTP, shared so the console's client splits its batches
 * below what the server refuses (413/414).
 */

/** Calls in one batch: enough for a page's queries; a batch costs what its calls cost. */
export const MAX_BATCH_CALLS = 10;
/** The request line's URL: GET calls carry their input in it. */
export const MAX_URL_LENGTH = 8_192;
