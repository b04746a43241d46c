import { createRequire } from 'node:module';
import { TestEnvironment } from 'jest-environment-node';

const requireNatively = createRequire(import.meta.url);

/**
 * Jest's node environment plus a cache that lives as long as the worker process instead of one test file.
 *
 * Every test file gets a fresh module registry, so without this each file that starts the app would again
 * import the language identifier's n-gram data (`eld/large`: 4.5 MB of JavaScript), read and validate the
 * crisis model (`data/crisis/model.json`: 12 MB of JSON) and build the classifier's lookup of its half a
 * million features: seconds of CPU per file, over half of the suite's CPU time. jest.config.js maps those modules
 * to test/setup/workerShared/, which take them from here. Only read-only data is kept, never anything a
 * test can change.
 */
const loaded = new Map();

const worker = Object.freeze({
  /** A package imported by Node itself, once per worker (not through jest's module registry). */
  importOnce(specifier) {
    if (!loaded.has(`import:${specifier}`)) loaded.set(`import:${specifier}`, import(specifier));
    return loaded.get(`import:${specifier}`);
  },
  /** A CommonJS package required by Node itself, once per worker (not through jest's module registry). */
  requireOnce(specifier) {
    if (!loaded.has(`require:${specifier}`)) loaded.set(`require:${specifier}`, requireNatively(specifier));
    return loaded.get(`require:${specifier}`);
  },
  /** `load()`'s result, computed by the first test file that asks and kept for the next ones. */
  once(key, load) {
    if (!loaded.has(key)) loaded.set(key, load());
    return loaded.get(key);
  },
});

export default class OneStoryTestEnvironment extends TestEnvironment {
  constructor(config, context) {
    super(config, context);
    this.global.oneStoryWorker = worker;
  }
}
