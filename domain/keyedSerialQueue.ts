/**
 * Runs tasks one at a time per key, and tasks for different keys side by side.
 * Used so that two messages in one conversation never interleave their reads and writes,
 * and two writes to one file never race. Keys with nothing queued hold no memory.
 */
export class KeyedSerialQueue {
  private readonly tails = new Map<string, Promise<unknown>>();

  run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const result = previous.then(task, task);
    const tail = result.then(
      () => undefined,
      () => undefined,
    );
    this.tails.set(key, tail);
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return result;
  }

  get activeKeys(): number {
    return this.tails.size;
  }
}

/**
 * Coordination within one process (the embedded store, one process per data folder): work on one key is
 * queued here; there is no transaction, each document's write being atomic on its own.
 */
export function inOneProcess(): { atomically<T>(work: () => Promise<T>): Promise<T>; withLock<T>(key: string, work: () => Promise<T>): Promise<T> } {
  const queue = new KeyedSerialQueue();
  return { atomically: (work) => work(), withLock: (key, work) => queue.run(key, work) };
}
