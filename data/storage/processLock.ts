import { hostname } from 'node:os';
import { open, readFile, rm } from 'node:fs/promises';
import { PRIVATE_FILE_MODE } from './privateFiles.js';

/** What a lock file says about its holder. */
interface Holder {
  pid: number;
  host: string;
  since: string;
}

/** Whether the process that wrote a lock file on this machine is still running. */
function isAlive(holder: Holder): boolean {
  if (holder.host !== hostname()) return true; // another machine's: assume it is, never steal it
  try {
    process.kill(holder.pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function readHolder(path: string): Promise<Holder | undefined> {
  try {
    return JSON.parse(await readFile(path, 'utf8')) as Holder;
  } catch {
    return undefined;
  }
}

/**
 * A lock file that knows whether its holder is alive: created exclusively with the holder's process id and
 * host; a file left by a process that died (kill -9, a power cut) is taken over. Returns the holder that
 * keeps it, or undefined once this process holds it.
 */
export async function tryLockFile(path: string): Promise<Holder | undefined> {
  for (;;) {
    try {
      const file = await open(path, 'wx', PRIVATE_FILE_MODE);
      await file.writeFile(JSON.stringify({ pid: process.pid, host: hostname(), since: new Date().toISOString() } satisfies Holder));
      await file.close();
      return undefined;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const holder = await readHolder(path);
    if (holder && (holder.pid === process.pid || isAlive(holder))) return holder;
    // Its holder is gone (or it was never written whole): remove it and try again.
    await rm(path, { force: true });
  }
}

/** Removes a lock file this process holds. */
export async function unlockFile(path: string): Promise<void> {
  const holder = await readHolder(path);
  if (holder?.pid === process.pid && holder.host === hostname()) await rm(path, { force: true });
}

/** Holds a lock file while `work` runs, waiting (briefly, politely) while another live process holds it. */
export async function withLockFile<T>(path: string, work: () => Promise<T>, waitMs = 10_000): Promise<T> {
  const deadline = Date.now() + waitMs;
  for (let delay = 2; ; delay = Math.min(delay * 2, 50)) {
    const holder = await tryLockFile(path);
    if (!holder) break;
    if (Date.now() > deadline) throw new Error(`${path} is held by process ${holder.pid}`);
    await new Promise((resolve) => setTimeout(resolve, delay));
  }
  try {
    return await work();
  } finally {
    await unlockFile(path);
  }
}
