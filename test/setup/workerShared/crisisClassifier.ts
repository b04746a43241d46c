import type { CrisisModel } from '../../../domain/crisis/crisisClassifier.js';
import { worker } from './worker.js';
// The `/./` keeps jest.config.js's mapping of `…/domain/crisis/crisisClassifier.js` (to this file) off this import.
import { CrisisClassifier as BuildClassifier } from '../../../domain/crisis/./crisisClassifier.js';

export * from '../../../domain/crisis/./crisisClassifier.js';

/**
 * domain/crisis/crisisClassifier.ts in tests (jest.config.js maps it here): everything unchanged, except
 * that a classifier is built once per model object per jest worker. Turning the committed model's half a
 * million features into a lookup takes most of a second each time the app starts, and the app starts in
 * most test files; the model itself is shared per worker (workerShared/crisisDataLoader.ts), so its
 * classifier is too. A classifier only reads its model and keeps no other state; models made inside a test
 * are new objects and get new classifiers.
 */
const built = worker.once('crisis-classifiers', () => new WeakMap<CrisisModel, BuildClassifier>());

export const CrisisClassifier = new Proxy(BuildClassifier, {
  construct(target, args: [CrisisModel], newTarget) {
    const [model] = args;
    let classifier = built.get(model);
    if (classifier === undefined) {
      classifier = Reflect.construct(target, args, newTarget) as BuildClassifier;
      built.set(model, classifier);
    }
    return classifier;
  },
});
export type CrisisClassifier = BuildClassifier;
