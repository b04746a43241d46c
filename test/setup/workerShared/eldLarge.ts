import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type * as EldLarge from 'eld/large';
import type * as CompiledLanguageData from '../../../bot/compiledLanguageData.js';
import { projectRoot } from '../../../data/paths.js';
import { worker } from './worker.js';

/**
 * `eld/large` in tests (jest.config.js maps it here): imported once per jest worker by
 * test/setup/workerEnvironment.js rather than once per test file. When `dist/` holds the n-grams compiled
 * from today's eld (bot/compiledLanguageData.ts, which reads every message exactly as `eld/large` does:
 * test/crisis/compiledLanguageData.test.ts), eld's detector over them instead: over a second of CPU and
 * 140 MB less in each worker. Otherwise, or if that cannot be read (a build under way), the package.
 */
async function load(): Promise<typeof EldLarge.eld> {
  const compiledModule = join(projectRoot(), 'dist', 'bot', 'compiledLanguageData.js');
  if (existsSync(compiledModule)) {
    try {
      const { loadCompiledLanguageData } = await worker.importOnce<typeof CompiledLanguageData>(pathToFileURL(compiledModule).href);
      const compiled = await loadCompiledLanguageData();
      if (compiled) return compiled;
    } catch {
      // A half-built dist/: the package's own data below.
    }
  }
  return (await worker.importOnce<typeof EldLarge>('eld/large')).eld;
}

const eld = await worker.once('eld-detector', load);

export { eld };
export default eld;
