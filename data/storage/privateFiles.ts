import { chmodSync, lstatSync, mkdirSync, readdirSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * Everything One Story keeps on disk is for its own user only: files 0600 (read and write by the owner),
 * folders 0700. Files are created so where we create them; lowdb writes a document through a new temporary
 * file (its mode cannot be chosen), so the document writer thread (`documentWriter.ts`) narrows a document's
 * mode just after each write, inside a folder that is already 0700 (nobody else can reach the file meanwhile).
 */
export const PRIVATE_FILE_MODE = 0o600;
export const PRIVATE_DIR_MODE = 0o700;

/** Permission bits for the group and for others: none may be set on a data file or folder. */
export const OPEN_TO_OTHERS = 0o077;

/** Creates a folder (and any missing parents) readable by the owner only. */
export async function makePrivateDir(path: string): Promise<void> {
  await mkdir(path, { recursive: true, mode: PRIVATE_DIR_MODE });
}

/** The same, at once (the document store creates a collection's folder before its first write). */
export function makePrivateDirSync(path: string): void {
  mkdirSync(path, { recursive: true, mode: PRIVATE_DIR_MODE });
}

/**
 * At start-up: narrows every file and folder in the data folder (and the folder itself) that its group or
 * others could read, as files written by an earlier version were (0644). Symbolic links are left alone
 * (never followed), and so is a shared folder used as the data folder itself (`/tmp`: the sticky bit).
 * Synchronous: it runs once, before anything is served, and a data folder holds a file per person (one
 * trip through the thread pool per file would cost seconds for 100,000 people). Returns how many it changed.
 */
export function makeDataDirPrivate(dataDir: string): number {
  let changed = 0;
  const narrow = (path: string, mode: number, wanted: number) => {
    if ((mode & OPEN_TO_OTHERS) === 0) return;
    chmodSync(path, wanted);
    changed++;
  };
  const visit = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (!entry.isDirectory() && !entry.isFile()) continue;
      const path = join(dir, entry.name);
      narrow(path, lstatSync(path).mode, entry.isDirectory() ? PRIVATE_DIR_MODE : PRIVATE_FILE_MODE);
      if (entry.isDirectory()) visit(path);
    }
  };
  const root = lstatSync(dataDir);
  if (root.isDirectory() && (root.mode & STICKY) === 0) narrow(dataDir, root.mode, PRIVATE_DIR_MODE);
  visit(dataDir);
  return changed;
}

/** The sticky bit: set on folders several users share (`/tmp`). */
const STICKY = 0o1000;
