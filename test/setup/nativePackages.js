import { createHash } from 'node:crypto';
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The Bot Framework SDK and restify, loaded by Node once per jest worker instead of once per test file.
 *
 * Jest gives every test file a fresh module registry, so each file that starts the app evaluated botbuilder,
 * botbuilder-dialogs and restify (over a thousand CommonJS files) again: about 2 s of CPU per file, a third
 * of the suite's. jest.config.js maps these packages to small CommonJS shims that hand over the package as
 * the worker's Node loaded it (test/setup/workerEnvironment.js, `requireOnce`). Jest reads a CommonJS
 * module's named exports from its source, so each shim lists them; the shims are written here, by the
 * global setup, from the installed packages (nothing to keep up to date by hand).
 * The packages keep no state a test could leave behind for the next: the app is built anew by each test.
 */
export const NATIVE_PACKAGES = ['botbuilder', 'botbuilder-dialogs', 'restify'];

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Where the shims are written: one folder per checkout, outside it. */
export const SHIM_DIR = join(tmpdir(), `one-story-jest-${createHash('sha256').update(root).digest('hex').slice(0, 12)}`);

/** Writes each package's shim (its exports as the installed version has them). */
export function writeNativePackageShims() {
  const requireFromRoot = createRequire(join(root, 'package.json'));
  mkdirSync(SHIM_DIR, { recursive: true });
  for (const name of NATIVE_PACKAGES) {
    const names = Object.keys(requireFromRoot(name)).filter((key) => /^[A-Za-z_$][\w$]*$/.test(key) && key !== 'default');
    const source = [
      `// ${name}, as this jest worker's Node loaded it (written by test/setup/nativePackages.js).`,
      `module.exports = globalThis.oneStoryWorker.requireOnce(${JSON.stringify(name)});`,
      // The named exports, in the form jest's reader of CommonJS exports (cjs-module-lexer) recognises.
      `0 && (module.exports = { ${names.join(', ')} });`,
      '',
    ].join('\n');
    const path = join(SHIM_DIR, `${name}.cjs`);
    const temporary = `${path}.${process.pid}.tmp`;
    writeFileSync(temporary, source);
    renameSync(temporary, path);
  }
}
