/** Course content packages on the hosted server's disk (decision 168). */
export {
  CONTENT_TYPES,
  ContentRefusedError,
  sniffContentType,
  type ContentType,
  type RefusalReason,
} from './content-type';
export { tooLarge } from './meter';
export { CONTENT_DIR_VARIABLE, contentDirectoryFromEnv } from './location';
export { parseRange, rangeHeaders, type ByteRange, type RangeRequest } from './range';
export { ContentStore, STALE_UPLOAD_MS, keyFor, type PutOptions, type StoredContent } from './store';
