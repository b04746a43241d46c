import { chmodSync, mkdirSync, statSync } from 'node:fs';
import { chmod, lstat, mkdir, readdir } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * Everything One Story keeps on disk is for its own user only: files 0600 (read and write by the owner),
 * folders 0700. Files are created so where we create them; lowdb writes a document through a new temporary
 * file (its mode cannot be chosen), so the store narrows a document's mode just after each write, inside a
 * folder that is already 0700 (nobody else can reach the file meanwhile).
 */
export const PRIVATE_FILE_MODE = 0o600;
export const PRIVATE_DIR_MODE = 0o700;

/** Permission bits for the group and for others: none may be set on a data file or folder. */
const OPEN_TO_OTHERS = 0o077;

/** Creates a folder (and any missing parents) readable by the owner only. */
export async function makePrivateDir(path: string): Promise<void> {
  await mkdir(path, { recursive: true, mode: PRIVATE_DIR_MODE });
}

/** The same, at once (the document store creates a collection's folder before its first write). */
export function makePrivateDirSync(path: string): void {
  mkdirSync(path, { recursive: true, mode: PRIVATE_DIR_MODE });
}

/** Narrows a file written by someone who could not choose its mode; `mode` is its mode as last read, when known. */
export function keepFilePrivateSync(path: string, mode = statSync(path).mode): void {
  if ((mode & OPEN_TO_OTHERS) !== 0) chmodSync(path, PRIVATE_FILE_MODE);
}

/**
 * At start-up: narrows every file and folder in the data folder (and the folder itself) that its group or
 * others could read, as files written by an earlier version were (0644). Symbolic links are left alone
 * (never followed), and so is a shared folder used as the data folder itself (`/tmp`: the sticky bit).
 * Returns how many it changed.
 */
export async function makeDataDirPrivate(dataDir: string): Promise<number> {
  let changed = 0;
  const narrow = async (path: string, mode: number, wanted: number) => {
    if ((mode & OPEN_TO_OTHERS) === 0) return;
    await chmod(path, wanted);
    changed++;
  };
  const visit = async (dir: string): Promise<void> => {
    const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
    for (const entry of entries) {
      const path = join(dir, entry.name);
      if (!entry.isDirectory() && !entry.isFile()) continue;
      // Gone since the listing (a temporary file tidied away): nothing to narrow.
      const stats = await lstat(path).catch(() => undefined);
      if (!stats) continue;
      await narrow(path, stats.mode, entry.isDirectory() ? PRIVATE_DIR_MODE : PRIVATE_FILE_MODE);
      if (entry.isDirectory()) await visit(path);
    }
  };
  const root = await lstat(dataDir);
  if (root.isDirectory() && (root.mode & 0o1000) === 0) await narrow(dataDir, root.mode, PRIVATE_DIR_MODE);
  await visit(dataDir);
  return changed;
}
