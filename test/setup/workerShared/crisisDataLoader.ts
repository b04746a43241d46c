import { existsSync, statSync } from 'node:fs';
import { worker } from './worker.js';
import type { CrisisModel } from '../../../domain/crisis/crisisClassifier.js';
// The `/./` keeps jest.config.js's mapping of `…/data/crisis/crisisDataLoader.js` (to this file) off this import.
import { CRISIS_MODEL_PATH, loadCrisisModel as readCrisisModel } from '../../../data/crisis/./crisisDataLoader.js';

export * from '../../../data/crisis/./crisisDataLoader.js';

/**
 * data/crisis/crisisDataLoader.ts in tests (jest.config.js maps it here): everything unchanged, except that
 * the validated model is read once per jest worker and then shared by the worker's test files. The model
 * is only read, never changed, by the classifier. A changed file (size or time) is read again; a missing
 * or invalid one fails exactly as without the cache.
 */
export function loadCrisisModel(path = CRISIS_MODEL_PATH): CrisisModel {
  if (!existsSync(path)) return readCrisisModel(path);
  const { size, mtimeMs } = statSync(path);
  return worker.once(`crisis-model:${path}:${size}:${mtimeMs}`, () => readCrisisModel(path));
}
