/** The per-worker cache test/setup/workerEnvironment.js puts on each test file's global object. */
export interface WorkerCache {
  /** A package imported by Node itself, once per worker. */
  importOnce<T>(specifier: string): Promise<T>;
  /** `load()`'s result, computed by the first test file that asks and kept for the worker's next files. */
  once<T>(key: string, load: () => T): T;
}

const cache = (globalThis as { oneStoryWorker?: WorkerCache }).oneStoryWorker;
if (cache === undefined) throw new Error('the tests run in test/setup/workerEnvironment.js (see jest.config.js), which provides oneStoryWorker');

export const worker: WorkerCache = cache;
