/** One numbered, forward-only schema step. Versions start at 1 and have no gaps. */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}
