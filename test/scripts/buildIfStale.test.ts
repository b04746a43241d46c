import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { projectRoot } from '../../data/paths.js';
import { firstStaleOutput } from '../../scripts/buildIfStale.mjs';

/**
 * `npm run agency-key` and the other commands build first only when `dist/` is stale (issue 12, point 11).
 * A small project in a temporary folder stands in for this one, with times set by hand: no real build.
 */
const SCRIPT = join(projectRoot(), 'scripts', 'buildIfStale.mjs');
let root: string;

const BEFORE = new Date('2020-01-01T10:00:00Z');
const AFTER = new Date('2020-01-01T11:00:00Z');

async function file(path: string, at: Date, content = ''): Promise<void> {
  const full = join(root, path);
  await mkdir(dirname(full), { recursive: true });
  await writeFile(full, content);
  await utimes(full, at, at);
}

/** A stand-in `npm run build`: writes every compiled file, and counts how often it ran. */
const FAKE_BUILD = `import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
for (const path of ['dist/src/app.js', 'dist/src/cli/key.js']) {
  mkdirSync(path.slice(0, path.lastIndexOf('/')), { recursive: true });
  writeFileSync(path, '');
}
appendFileSync('builds.log', 'built\\n');
`;

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'one-story-build-if-stale-'));
  await file('tsconfig.json', BEFORE, '{}');
  await file('tsconfig.build.json', BEFORE, JSON.stringify({ extends: './tsconfig.json', include: ['src', 'tools'] }));
  await file('src/app.ts', BEFORE);
  await file('src/cli/key.ts', BEFORE);
  await file('src/types.d.ts', AFTER);
  await file('src/app.test.ts', AFTER);
  await file('src/data.json', AFTER);
  await file('dist/src/app.js', AFTER);
  await file('dist/src/cli/key.js', AFTER);
  await file('package.json', BEFORE, JSON.stringify({ name: 'stand-in', private: true, type: 'module', scripts: { build: 'node build.mjs' } }));
  await file('build.mjs', BEFORE, FAKE_BUILD);
});

afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('the staleness check', () => {
  it('finds nothing to build when every compiled file is newer than its source (tests, declarations and data are not compiled)', async () => {
    expect(await firstStaleOutput(root)).toBeUndefined();
  });

  it('names a compiled file older than its source', async () => {
    await file('src/cli/key.ts', new Date('2020-01-01T12:00:00Z'));
    expect(await firstStaleOutput(root)).toBe(join('dist', 'src', 'cli', 'key.js'));
  });

  it('names a compiled file that is missing', async () => {
    await file('src/new.ts', BEFORE);
    expect(await firstStaleOutput(root)).toBe(join('dist', 'src', 'new.js'));
  });

  it('names compiled data that is missing or older than its source, and ignores data whose source is not there', async () => {
    await file('data/crisis/model.json', BEFORE, '{}');
    expect(await firstStaleOutput(root)).toBe(join('dist', 'data', 'crisis', 'model.lookup'));
    await file('dist/data/crisis/model.lookup', AFTER);
    expect(await firstStaleOutput(root)).toBeUndefined();
    await file('data/crisis/model.json', new Date('2020-01-01T12:00:00Z'), '{}');
    expect(await firstStaleOutput(root)).toBe(join('dist', 'data', 'crisis', 'model.lookup'));
  });

  it('names the build settings when they changed after the last build', async () => {
    await file('tsconfig.json', new Date('2020-01-01T12:00:00Z'), '{}');
    expect(await firstStaleOutput(root)).toBe('tsconfig.json');
  });
});

describe('node scripts/buildIfStale.mjs', () => {
  const run = (...args: string[]) => spawnSync(process.execPath, [SCRIPT, ...args], { cwd: root, encoding: 'utf8' });
  const builds = async () => (await readFile(join(root, 'builds.log'), 'utf8').catch(() => '')).split('\n').filter(Boolean).length;

  it('--check: exit 0 when up to date; exit 1 and the stale file when not, building nothing', async () => {
    expect(run('--check')).toMatchObject({ status: 0, stdout: '' });
    await file('src/app.ts', new Date('2020-01-01T12:00:00Z'));
    expect(run('--check')).toMatchObject({ status: 1, stdout: `${join('dist', 'src', 'app.js')}\n` });
    expect(await builds()).toBe(0);
  });

  it('builds when stale, and not again while nothing changes', async () => {
    expect(run().status).toBe(0);
    expect(await builds()).toBe(0);
    await file('src/app.ts', new Date('2020-01-01T12:00:00Z'));
    expect(run().status).toBe(0);
    expect(await builds()).toBe(1);
    expect(run().status).toBe(0);
    expect(await builds()).toBe(1);
  });
});

describe('package.json', () => {
  it('every command that runs compiled code builds through the staleness check, never a full build each time', async () => {
    const { scripts } = JSON.parse(await readFile(join(projectRoot(), 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    // `build` itself ends by running what it just compiled (the crisis data's compile step).
    expect(scripts.build).toBe('tsc -p tsconfig.build.json && node dist/bot/cli/crisisCompile.js');
    const runsDist = Object.entries(scripts).filter(([name, command]) => name !== 'build' && (command.includes('dist/') || name === 'prestart'));
    expect(runsDist.map(([name]) => name).sort()).toEqual(
      ['agency-key', 'agency-user', 'audit-verify', 'bench', 'bench:abuse', 'chat', 'crisis:eval', 'crisis:train', 'db:migrate', 'i18n:check', 'prestart', 'purge', 'rekey', 'schema:handoff', 'start'].sort(),
    );
    for (const [name, command] of runsDist) {
      if (name === 'start') continue;
      expect({ name, command: command.split(' && ')[0] }).toEqual({ name, command: 'node scripts/buildIfStale.mjs' });
    }
  });
});
