import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { inOneProcess } from '../../domain/keyedSerialQueue.js';
import type { Coordination } from '../../useCases/ports.js';
import { tryLockFile, unlockFile, withLockFile } from './processLock.js';
import { makePrivateDir } from './privateFiles.js';

/** Where the embedded store's lock files live inside DATA_DIR (their names are hashes: no id appears). */
export const LOCKS_DIR = 'locks';

function lockPath(dataDir: string, name: string): string {
  return join(dataDir, LOCKS_DIR, `${createHash('sha256').update(name).digest('hex').slice(0, 32)}.lock`);
}

/**
 * The embedded store's coordination when a CLI works beside the server (`npm run purge`): work on a key is
 * queued in the process, and, except a turn's (which only the server runs, and which must stay cheap),
 * also held under a lock file, so the server and the CLI never change one person's sharing at once.
 */
export function besideOtherProcesses(dataDir: string): Coordination {
  const local = inOneProcess();
  return {
    atomically: (work) => local.atomically(work),
    withLock: (key, work) =>
      key.startsWith('turn:')
        ? local.withLock(key, work)
        : local.withLock(key, async () => {
            await makePrivateDir(join(dataDir, LOCKS_DIR));
            return withLockFile(lockPath(dataDir, key), work, 60_000);
          }),
  };
}

/**
 * Runs `work` unless another process (the server's daily sweep, `npm run purge`) is running work of this
 * name on this data folder; then returns undefined at once.
 */
export async function ifNoOtherProcess<T>(dataDir: string, name: string, work: () => Promise<T>): Promise<T | undefined> {
  await makePrivateDir(join(dataDir, LOCKS_DIR));
  const path = lockPath(dataDir, name);
  if (await tryLockFile(path)) return undefined;
  try {
    return await work();
  } finally {
    await unlockFile(path);
  }
}
