import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { projectRoot } from '../../data/paths.js';

/**
 * `node dist/bot/index.js` in its own process, configured by environment variables only, with every line
 * it writes to stdout and stderr kept: what an operator's log collector would receive. The abuse run
 * (test/bench/abuse.ts) and the log test (test/security/logsCannotLeak.test.ts) read those lines; the crash
 * test (test/crash/crashSafety.test.ts) kills it with SIGKILL and starts it again on the same DATA_DIR.
 */

const ENTRY_POINT = join(projectRoot(), 'dist', 'bot', 'index.js');
/** What `bot/index.ts` prints once it listens (with 127.0.0.1 shown as localhost). */
const LISTENING = /listening on http:\/\/localhost:(\d+)/;

export interface ServerProcessSettings {
  dataDir: string;
  encryptionKey: string;
  /** A folder with no `.env`, so a developer's own settings cannot leak in. */
  cwd: string;
  logLevel?: 'debug' | 'info' | 'warn' | 'error' | 'silent';
  /** Further settings, as an operator would set them. */
  env?: Record<string, string>;
}

export interface LogLine {
  stream: 'stdout' | 'stderr';
  line: string;
}

export class ServerProcess {
  private readonly exited: Promise<void>;

  private constructor(
    private readonly child: ChildProcess,
    readonly baseUrl: string,
    private readonly lines: LogLine[],
  ) {
    this.exited = new Promise((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) resolve();
      else child.once('exit', () => resolve());
    });
  }

  static start(settings: ServerProcessSettings): Promise<ServerProcess> {
    const child = spawn(process.execPath, ['--no-deprecation', ENTRY_POINT], {
      cwd: settings.cwd,
      // Only what an operator would set: nothing from the parent (NODE_OPTIONS, a developer's MicrosoftAppId …).
      env: {
        PATH: process.env.PATH ?? '',
        NODE_ENV: 'test',
        PORT: '0',
        DATA_DIR: settings.dataDir,
        ONESTORY_ENCRYPTION_KEY: settings.encryptionKey,
        LOG_LEVEL: settings.logLevel ?? 'debug',
        ...settings.env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const lines: LogLine[] = [];
    const collect = (stream: LogLine['stream']) => {
      let partial = '';
      return (chunk: Buffer) => {
        const parts = (partial + chunk.toString('utf8')).split('\n');
        partial = parts.pop() ?? '';
        for (const line of parts) lines.push({ stream, line });
      };
    };
    child.stdout!.on('data', collect('stdout'));
    child.stderr!.on('data', collect('stderr'));
    return new Promise((resolve, reject) => {
      const onExit = (code: number | null, signal: string | null) =>
        reject(new Error(`dist/bot/index.js stopped before listening (code ${String(code)}, signal ${String(signal)}):\n${lines.map((entry) => entry.line).join('\n')}`));
      child.once('exit', onExit);
      child.once('error', reject);
      const waitForListening = () => {
        const listening = lines.map((entry) => LISTENING.exec(entry.line)).find(Boolean);
        if (!listening) return;
        child.stdout!.off('data', waitForListening);
        child.off('exit', onExit);
        resolve(new ServerProcess(child, `http://127.0.0.1:${listening[1]}`, lines));
      };
      child.stdout!.on('data', waitForListening);
    });
  }

  /** Every whole line written so far, stdout and stderr. */
  logLines(): readonly LogLine[] {
    return this.lines;
  }

  get pid(): number {
    return this.child.pid!;
  }

  /** kill -9: no handler runs, nothing is flushed, exactly as when a host dies. */
  async kill(): Promise<void> {
    process.kill(this.pid, 'SIGKILL');
    await this.exited;
  }

  /** Its exit code once it has exited by itself (null while running, or when a signal ended it). */
  get exitCode(): number | null {
    return this.child.exitCode;
  }

  get running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  async stop(): Promise<void> {
    if (this.running) this.child.kill('SIGTERM');
    await this.exited;
  }
}
