/** Timer functions, injectable so tests can drive time by hand. */
export interface Timers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const realTimers: Timers = {
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

/**
 * One pending call per key (a file): a burst of edits, or npm install rewriting a lockfile
 * several times, turns into one run `delayMs` after the last event for that key.
 */
export class KeyedDebouncer<K> {
  private readonly pending = new Map<K, { handle: unknown; run: () => void }>();

  constructor(
    private readonly delayMs: number,
    private readonly timers: Timers = realTimers,
  ) {}

  schedule(key: K, run: () => void, delayMs = this.delayMs): void {
    this.cancel(key);
    const handle = this.timers.setTimeout(() => {
      this.pending.delete(key);
      run();
    }, delayMs);
    this.pending.set(key, { handle, run });
  }

  cancel(key: K): void {
    const entry = this.pending.get(key);
    if (!entry) return;
    this.timers.clearTimeout(entry.handle);
    this.pending.delete(key);
  }

  /** Runs a pending call now (a save should not wait for the typing delay). */
  flush(key: K): boolean {
    const entry = this.pending.get(key);
    if (!entry) return false;
    this.cancel(key);
    entry.run();
    return true;
  }

  get size(): number {
    return this.pending.size;
  }

  dispose(): void {
    for (const key of [...this.pending.keys()]) this.cancel(key);
  }
}
