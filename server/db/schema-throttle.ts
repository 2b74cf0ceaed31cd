/** Tables of migration 0020_shared_throttle, as Kysely sees them. */
export interface ThrottleTables {
  sign_in_throttle: {
    key: string;
    points: number;
    /** Epoch milliseconds; null: the key never expires (no limiter here sets one). */
    expire: number | null;
  };
}
