import { createHash } from 'node:crypto';
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The Bot Framework SDK, restify, zod and i18next, loaded by Node once per jest worker instead of once per
 * test file.
 *
 * Jest gives every test file a fresh module registry, so each file that starts the app evaluated botbuilder,
 * botbuilder-dialogs and restify (over a thousand CommonJS files), zod and i18next again: about 2 s of CPU
 * per file (0.3 s with them shared), a third of the suite's CPU. jest.config.js maps these packages to small CommonJS shims that hand over the package as
 * the worker's Node loaded it (test/setup/workerEnvironment.js, `requireOnce`). Jest reads a CommonJS
 * module's named exports from its source, so each shim lists them; the shims are written here, by the
 * global setup, from the installed packages (nothing to keep up to date by hand).
 * The packages keep no state a test could leave behind for the next: the app is built anew by each test.
 * They run in the worker's own JavaScript realm: `instanceof Date` inside them would not know a test's
 * Date, which is why `pg` (it tests its parameters so) is not among them.
 */
export const NATIVE_PACKAGES = ['botbuilder', 'botbuilder-dialogs', 'restify', 'zod', 'i18next'];

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Where the shims are written: one folder per checkout, outside it. */
export const SHIM_DIR = join(tmpdir(), `one-story-jest-${createHash('sha256').update(root).digest('hex').slice(0, 12)}`);

/** Writes each package's shim (its exports as the installed version has them). */
export function writeNativePackageShims() {
  const requireFromRoot = createRequire(join(root, 'package.json'));
  mkdirSync(SHIM_DIR, { recursive: true });
  for (const name of NATIVE_PACKAGES) {
    const names = Object.keys(requireFromRoot(name)).filter((key) => key !== 'default');
    const source = [
      `// ${name}, as this jest worker's Node loaded it (written by test/setup/nativePackages.js).`,
      `module.exports = globalThis.oneStoryWorker.requireOnce(${JSON.stringify(name)});`,
      // The named exports, in the form jest's reader of CommonJS exports (cjs-module-lexer) recognises.
      `if (false) {`,
      ...names.map((key) => `  exports[${JSON.stringify(key)}] = 0;`),
      '}',
      '',
    ].join('\n');
    const path = join(SHIM_DIR, `${name}.cjs`);
    const temporary = `${path}.${process.pid}.tmp`;
    writeFileSync(temporary, source);
    renameSync(temporary, path);
  }
}
