// madge 8 ships no types (and @types/madge describes version 5): only what the circle test uses.
declare module 'madge' {
  interface MadgeConfig {
    fileExtensions?: string[];
    tsConfig?: string;
    detectiveOptions?: Record<string, Record<string, boolean>>;
  }
  interface MadgeResult {
    /** Each file (relative to the common base) and the files it imports. */
    obj(): Record<string, string[]>;
  }
  export default function madge(path: string | string[], config?: MadgeConfig): Promise<MadgeResult>;
}
