import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { projectRoot } from '../../data/paths.js';
import { withLockFile } from '../../data/storage/processLock.js';
import { BUILD_CONFIG, firstStaleOutput } from '../../scripts/buildIfStale.mjs';

/**
 * One Story as an operator runs it: `node dist/bot/index.js`, configured by environment variables only,
 * in its own process, so a test can kill it with SIGKILL and start it again on the same DATA_DIR.
 */

const ROOT = projectRoot();
const ENTRY_POINT = join(ROOT, 'dist', 'bot', 'index.js');
/** What `bot/index.ts` prints once it listens (with 127.0.0.1 shown as localhost). */
const LISTENING = /listening on http:\/\/localhost:(\d+)/;

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
  const stillStale = await firstStaleOutput(ROOT);
  if (stillStale) throw new Error(`the build finished but ${stillStale} is still missing or older than its source`);
  return 'built';
}

export interface ServerSettings {
  dataDir: string;
  encryptionKey: string;
  /** The working directory: a folder with no `.env`, so a developer's own settings cannot leak in. */
  cwd: string;
}

/** A running `node dist/bot/index.js`. */
export class OneStoryProcess {
  private exited: Promise<void>;

  private constructor(
    private readonly child: ChildProcess,
    readonly baseUrl: string,
    private readonly stderr: () => string,
  ) {
    this.exited = new Promise((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) resolve();
      else child.once('exit', () => resolve());
    });
  }

  /** Starts the server on a free port and resolves once it says it is listening. */
  static start(settings: ServerSettings): Promise<OneStoryProcess> {
    const child = spawn(process.execPath, [ENTRY_POINT], {
      cwd: settings.cwd,
      // Only what an operator would set: nothing from the test runner (NODE_OPTIONS, a developer's MicrosoftAppId …).
      env: {
        PATH: process.env.PATH ?? '',
        NODE_ENV: 'test',
        PORT: '0',
        DATA_DIR: settings.dataDir,
        ONESTORY_ENCRYPTION_KEY: settings.encryptionKey,
        LOG_LEVEL: 'silent',
        // The channel holds some replies open so a kill lands right after them: the deadline on calls to the
        // channel (5 s by default) must not end those turns first.
        CHANNEL_TIMEOUT_MS: '60000',
        // Its people answer as fast as the server replies, which nobody does: the limit per conversation is lifted.
        MESSAGES_PER_CONVERSATION: '100000',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    return new Promise((resolve, reject) => {
      const onExit = (code: number | null, signal: string | null) =>
        reject(new Error(`dist/bot/index.js stopped before listening (code ${String(code)}, signal ${String(signal)}):\n${stderr}`));
      child.once('exit', onExit);
      child.once('error', reject);
      child.stdout!.on('data', (chunk: Buffer) => {
        stdout += chunk.toString('utf8');
        const listening = LISTENING.exec(stdout);
        if (!listening) return;
        child.stdout!.removeAllListeners('data');
        child.stdout!.resume();
        child.off('exit', onExit);
        resolve(new OneStoryProcess(child, `http://127.0.0.1:${listening[1]}`, () => stderr));
      });
    });
  }

  get pid(): number {
    return this.child.pid!;
  }

  /** kill -9: no handler runs, nothing is flushed, exactly as when a host dies. */
  async kill(): Promise<void> {
    process.kill(this.pid, 'SIGKILL');
    await this.exited;
  }

  /** A normal stop, for cleaning up after the test. */
  async stop(): Promise<void> {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill('SIGTERM');
    await this.exited;
  }

  /** What the server wrote to stderr (start-up warnings, errors): for failure messages only. */
  errors(): string {
    return this.stderr();
  }
}
