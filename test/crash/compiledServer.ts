import { execFile } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { projectRoot } from '../../data/paths.js';
import { withLockFile } from '../../data/storage/processLock.js';
import { BUILD_CONFIG, firstStaleOutput } from '../../scripts/buildIfStale.mjs';

/**
 * One Story as an operator runs it, `node dist/bot/index.js`, needs `dist/` built from today's sources
 * (the process itself: test/bench/serverProcess.ts).
 */

const ROOT = projectRoot();

/**
 * Builds `dist/` as `npm run build` does (without checking types again) when any compiled file is missing or older than its
 * source (or the build settings changed), so the test never runs yesterday's code and never depends on
 * the developer having run `npm start`. Resolves with what it did.
 */
export async function ensureServerCompiled(): Promise<'up to date' | 'built'> {
  // Test files in other workers build at the same time: one builds, the others wait and find it up to date
  // (a server started from a half-written dist/ would fail).
  await mkdir(join(ROOT, 'dist'), { recursive: true });
  return withLockFile(join(ROOT, 'dist', '.build.lock'), buildIfStale, BUILD_WAIT_MS);
}

/** How long a worker waits for another's build (a full build on a loaded 2-core machine takes a minute or two). */
const BUILD_WAIT_MS = 300_000;

async function buildIfStale(): Promise<'up to date' | 'built'> {
  return (await firstStaleOutput(ROOT)) ? build() : 'up to date';
}

async function build(): Promise<'built'> {
  await new Promise<void>((resolve, reject) => {
    execFile(
      process.execPath,
      // The same output as `npm run build`; the types are checked once, by `npm run typecheck`.
      [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', BUILD_CONFIG, '--noCheck'],
      { cwd: ROOT, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => (error ? reject(new Error(`${BUILD_CONFIG} did not compile:\n${stdout}${stderr}`)) : resolve()),
    );
  });
  // The build's last step, as in `npm run build`: the crisis model compiled for start-up.
  await new Promise<void>((resolve, reject) => {
    execFile(process.execPath, [join(ROOT, 'dist', 'bot', 'cli', 'crisisCompile.js')], { cwd: ROOT }, (error, stdout, stderr) =>
      error ? reject(new Error(`the crisis model did not compile:\n${stdout}${stderr}`)) : resolve(),
    );
  });
  const stillStale = await firstStaleOutput(ROOT);
  if (stillStale) throw new Error(`the build finished but ${stillStale} is still missing or older than its source`);
  return 'built';
}
