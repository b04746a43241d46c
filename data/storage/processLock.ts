import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { PRIVATE_FILE_MODE } from './privateFiles.js';

/**
 * Lock files are a few dozen bytes, taken around updates that are themselves done synchronously (see
 * encryptedDocumentStore.ts): they are created, read and removed synchronously too. Done through the
 * thread pool, each of those steps waited its turn behind every other turn's work, and 50 people answering
 * at once waited seconds for the few records they share (the outcome facts, the people index).
 * Only the wait for another live process to let go is asynchronous.
 */

/** This machine's name, as lock files record it (read once). */
const HOST = hostname();

/** What a lock file says about its holder. */
interface Holder {
  pid: number;
  host: string;
  since: string;
}

/** Whether the process that wrote a lock file on this machine is still running. */
function isAlive(holder: Holder): boolean {
  if (holder.host !== HOST) return true; // another machine's: assume it is, never steal it
  try {
    process.kill(holder.pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readHolder(path: string): Holder | undefined {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as Holder;
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
  return tryLockFileNow(path);
}

function tryLockFileNow(path: string): Holder | undefined {
  for (;;) {
    let file: number | undefined;
    try {
      file = openSync(path, 'wx', PRIVATE_FILE_MODE);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    if (file !== undefined) {
      try {
        writeSync(file, JSON.stringify({ pid: process.pid, host: HOST, since: new Date().toISOString() } satisfies Holder));
      } finally {
        closeSync(file);
      }
      return undefined;
    }
    const holder = readHolder(path);
    if (holder && (holder.pid === process.pid || isAlive(holder))) return holder;
    // Its holder is gone (or it was never written whole): remove it and try again.
    rmSync(path, { force: true });
  }
}

/** Removes a lock file this process holds. */
export async function unlockFile(path: string): Promise<void> {
  unlockFileNow(path);
}

function unlockFileNow(path: string): void {
  const holder = readHolder(path);
  if (holder?.pid === process.pid && holder.host === HOST) rmSync(path, { force: true });
}

/** Holds a lock file while `work` runs, waiting (briefly, politely) while another live process holds it. */
export async function withLockFile<T>(path: string, work: () => Promise<T>, waitMs = 10_000): Promise<T> {
  const deadline = Date.now() + waitMs;
  for (let delay = 2; ; delay = Math.min(delay * 2, 50)) {
    const holder = tryLockFileNow(path);
    if (!holder) break;
    if (Date.now() > deadline) throw new Error(`${path} is held by process ${holder.pid}`);
    await new Promise((resolve) => setTimeout(resolve, delay));
  }
  try {
    return await work();
  } finally {
    unlockFileNow(path);
  }
}
