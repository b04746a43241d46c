// Builds dist/ (`npm run build`) only when it is missing or older than its sources, so `npm start`, `npm run
// chat`, `npm run agency-key` and the other commands start at once when nothing has changed since the last
// build, instead of compiling the whole project every time. Plain JavaScript: it runs before anything is
// compiled. Run from the project folder (npm does).
//
//   node scripts/buildIfStale.mjs           build if stale, then exit with the build's status (0 if fresh)
//   node scripts/buildIfStale.mjs --check   build nothing: print the first stale file, exit 1; or exit 0
import { spawnSync } from 'node:child_process';
import { readFile, readdir, stat } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';

export const BUILD_CONFIG = 'tsconfig.build.json';
const OUT_DIR = 'dist';
/** Data the build compiles (its last step, dist/bot/cli/crisisCompile.js): source → what the server reads. */
const COMPILED_DATA = [
  ['data/crisis/model.json', 'dist/data/crisis/model.lookup'],
  ['node_modules/eld/src/ngrams/large.js', 'dist/bot/eld-large.lookup'],
  ['node_modules/eld/src/languageDetector.js', 'dist/bot/eld-large.lookup'],
];

/**
 * The first compiled file that is missing or older than its TypeScript source (each folder
 * `tsconfig.build.json` includes, tests left out), or the build settings if they changed after the oldest
 * compiled file, or compiled data older than its source (the crisis model, the language identifier's n-grams); undefined when `dist/` is up to date. Paths are relative to `root`.
 */
export async function firstStaleOutput(root = process.cwd()) {
  const settings = JSON.parse(await readFile(join(root, BUILD_CONFIG), 'utf8'));
  let oldestOutput = Infinity;
  for (const folder of settings.include ?? []) {
    for (const source of await typeScriptSources(join(root, folder))) {
      const compiled = join(root, OUT_DIR, relative(root, source)).replace(/\.ts$/, '.js');
      const compiledAt = await modifiedAt(compiled);
      if (compiledAt === undefined || compiledAt < (await modifiedAt(source))) return relative(root, compiled);
      oldestOutput = Math.min(oldestOutput, compiledAt);
    }
  }
  for (const file of [BUILD_CONFIG, 'tsconfig.json']) {
    if ((await modifiedAt(join(root, file)) ?? 0) > oldestOutput) return file;
  }
  for (const [source, compiled] of COMPILED_DATA) {
    const sourceAt = await modifiedAt(join(root, source));
    // No source (an eld that moved its data): the build compiles nothing of it, and the server does without.
    if (sourceAt === undefined) continue;
    const compiledAt = await modifiedAt(join(root, compiled));
    if (compiledAt === undefined || compiledAt < sourceAt) return join(...compiled.split('/'));
  }
  return undefined;
}

async function typeScriptSources(folder) {
  let names;
  try {
    names = await readdir(folder, { recursive: true, encoding: 'utf8' });
  } catch {
    return [];
  }
  return names
    .filter((name) => name.endsWith('.ts') && !name.endsWith('.d.ts') && !name.endsWith('.test.ts') && !name.split(/[\\/]/).includes('node_modules'))
    .map((name) => join(folder, name));
}

async function modifiedAt(path) {
  try {
    return (await stat(path)).mtimeMs;
  } catch {
    return undefined;
  }
}

/** `npm run build --silent` with the npm that runs this script (npm sets npm_execpath), else the one on PATH. */
function build() {
  const npm = process.env.npm_execpath;
  const args = ['run', 'build', '--silent'];
  const result = npm && /\.[cm]?js$/.test(npm)
    ? spawnSync(process.execPath, [npm, ...args], { stdio: 'inherit' })
    : spawnSync('npm', args, { stdio: 'inherit', shell: process.platform === 'win32' });
  return result.status ?? 1;
}

async function main() {
  const stale = await firstStaleOutput(process.cwd());
  if (process.argv.includes('--check')) {
    if (stale) console.log(stale);
    return stale ? 1 : 0;
  }
  return stale ? build() : 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await main();
}
