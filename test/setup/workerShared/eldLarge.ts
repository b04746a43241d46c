import type * as EldLarge from 'eld/large';
import { worker } from './worker.js';

/**
 * `eld/large` in tests (jest.config.js maps it here): the same package, imported once per jest worker by
 * test/setup/workerEnvironment.js rather than once per test file.
 */
const { eld } = await worker.importOnce<typeof EldLarge>('eld/large');

export { eld };
export default eld;
