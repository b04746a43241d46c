import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { OPEN_TO_OTHERS, PRIVATE_FILE_MODE } from './privateFiles.js';

/** What a written file is, as the document store's cache of recent files knows it. */
export interface WrittenFile {
  ino: number;
  size: number;
  mtimeMs: number;
  /**
   * Changes with any change to the file, its mode and its modification time included. Since Linux 6.13 it is
   * fine-grained once read, so even a rewrite in place within one tick of the modification time changes it;
   * on older kernels it ticks as coarsely as the modification time (1-4 ms). One Story's own writers never
   * rewrite in place: each write is a new file renamed over the old, so a new inode.
   */
  ctimeMs: number;
}

/**
 * Writes document files on a thread of their own, with lowdb's synchronous writer (a temporary file, then a
 * rename: a crash leaves the old file or the new one, never half of one), narrowed to 0600 just after.
 *
 * Why a thread: on this kind of machine (a VM, ext4 with online discard) every trip of an asynchronous file
 * operation through libuv's thread pool costs the main thread a wake-up of another core, and a write through
 * lowdb's asynchronous writer is four of them plus a `stat`; done synchronously, the disk's own time (the
 * rename frees the old file's blocks) blocks every other turn. Here one message goes each way per write, and
 * writes that arrive while the thread is busy wait in its queue, so under load they share the wake-ups.
 *
 * One thread per process, shared by every store in it, started at the first write. It does not keep the
 * process alive while it has nothing to write.
 */
export function writeDocumentFile(path: string, text: string): Promise<WrittenFile> {
  return writerThread().write(path, text);
}

interface Reply {
  id: number;
  file?: WrittenFile;
  error?: { name: string; message: string; code?: string; syscall?: string; errno?: number };
}

class WriterThread {
  private readonly worker: Worker;
  private readonly waiting = new Map<number, { resolve: (file: WrittenFile) => void; reject: (error: Error) => void }>();
  private nextId = 0;
  private failed: Error | undefined;
  private retireWhenIdle = false;

  constructor() {
    // An ES module given as a data: URL: the same under the compiled server and the tests, whatever the process's default module type.
    this.worker = new Worker(new URL(`data:text/javascript,${encodeURIComponent(WRITER_SOURCE)}`), {
      workerData: { lowdbNode: LOWDB_NODE_URL, privateFileMode: PRIVATE_FILE_MODE, openToOthers: OPEN_TO_OTHERS },
    });
    this.worker.unref();
    this.worker.on('message', (reply: Reply) => this.settle(reply));
    this.worker.on('error', (error) => this.stop(error));
    this.worker.on('exit', (code) => this.stop(new Error(`the document writer thread stopped (exit code ${code})`)));
  }

  get usable(): boolean {
    return this.failed === undefined;
  }

  write(path: string, text: string): Promise<WrittenFile> {
    const id = this.nextId++;
    return new Promise<WrittenFile>((resolve, reject) => {
      if (this.waiting.size === 0) this.worker.ref();
      this.waiting.set(id, { resolve, reject });
      this.worker.postMessage({ id, path, text });
    });
  }

  private settle(reply: Reply): void {
    const waiter = this.waiting.get(reply.id);
    if (!waiter) return;
    this.waiting.delete(reply.id);
    if (this.waiting.size === 0) {
      this.worker.unref();
      if (this.retireWhenIdle) this.retire();
    }
    if (reply.file) waiter.resolve(reply.file);
    else waiter.reject(Object.assign(new Error(reply.error?.message ?? 'the document was not written'), { name: reply.error?.name ?? 'Error', code: reply.error?.code, syscall: reply.error?.syscall, errno: reply.error?.errno }));
  }

  /** Ends the thread once it has nothing left to write; a write asked for after that starts another. */
  release(): void {
    this.retireWhenIdle = true;
    if (this.waiting.size === 0) this.retire();
  }

  private retire(): void {
    this.failed ??= new Error('the document writer thread was released');
    void this.worker.terminate();
  }

  private stop(error: Error): void {
    this.failed ??= error;
    for (const waiter of this.waiting.values()) waiter.reject(error);
    this.waiting.clear();
  }
}

let shared: WriterThread | undefined;

/**
 * The store is closing (the app stops): the thread ends once the writes already asked for are done, so a
 * test file or a command line that is finished leaves no idle thread behind. Another store still writing in
 * this process simply starts a new thread at its next write.
 */
export function releaseDocumentWriter(): void {
  shared?.release();
  shared = undefined;
}

function writerThread(): WriterThread {
  if (!shared?.usable) shared = new WriterThread();
  return shared;
}

/** lowdb's node adapters, found from here (the thread's code is evaluated, so it cannot resolve packages itself). */
const LOWDB_NODE_URL = pathToFileURL(createRequire(import.meta.url).resolve('lowdb/node')).href;

/** The thread: plain JavaScript, an ES module run as it is (the same under the compiled server and under the tests). */
const WRITER_SOURCE = `
import { parentPort, workerData } from 'node:worker_threads';
import { chmodSync, statSync } from 'node:fs';
const { DataFileSync } = await import(workerData.lowdbNode);
const asText = { parse: (text) => text, stringify: (text) => text };
const { privateFileMode, openToOthers } = workerData;
parentPort.on('message', ({ id, path, text }) => {
  try {
    new DataFileSync(path, asText).write(text);
    let stats = statSync(path);
    if ((stats.mode & openToOthers) !== 0) {
      chmodSync(path, privateFileMode);
      stats = statSync(path);
    }
    parentPort.postMessage({ id, file: { ino: stats.ino, size: stats.size, mtimeMs: stats.mtimeMs, ctimeMs: stats.ctimeMs } });
  } catch (error) {
    parentPort.postMessage({ id, error: { name: error.name, message: error.message, code: error.code, syscall: error.syscall, errno: error.errno } });
  }
});
`;
