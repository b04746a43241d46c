/** Types of scripts/buildIfStale.mjs, for the tests that use its staleness check. */
export declare const BUILD_CONFIG: string;
/** The first compiled file missing or older than its source (or the build settings), relative to `root`; undefined when up to date. */
export declare function firstStaleOutput(root?: string): Promise<string | undefined>;
