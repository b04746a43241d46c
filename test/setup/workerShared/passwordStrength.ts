import type { ZxcvbnFactory } from '@zxcvbn-ts/core';
import { worker } from './worker.js';
// The `/./` keeps jest.config.js's mapping of `…/useCases/staff/passwordStrength.js` (to this file) off this import.
import { strengthChecker as buildOnce } from '../../../useCases/staff/./passwordStrength.js';

/**
 * useCases/staff/passwordStrength.ts in tests (jest.config.js maps it here): the same checker, built once
 * per jest worker instead of once per test file that sets a staff password (loading zxcvbn's dictionaries
 * and building their lookups took about half a second of CPU each time). It keeps nothing between checks.
 */
export function strengthChecker(): Promise<ZxcvbnFactory> {
  return worker.once('password-strength-checker', buildOnce);
}
