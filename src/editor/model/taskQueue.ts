export interface QueueProgress {
  /** Tasks finished since the queue was last idle. */
  done: number;
  /** Tasks added since the queue was last idle (done + running + queued). */
  total: number;
  running: number;
  queued: number;
}

export type TaskRunner<T> = (item: T, signal: AbortSignal) => Promise<void>;

interface Task<T> {
  key: string;
  item: T;
  controller: AbortController;
}

/**
 * Scan jobs in flight from the editor: at most `concurrency` at once, one per key (a package
 * version asked for twice while queued or running is one job), cancellable one by one or all at
 * once, with a progress count per busy period ("scanning 3 of 12") and a promise for "idle".
 */
export class TaskQueue<T> {
  private readonly queued: Task<T>[] = [];
  private readonly running = new Map<string, Task<T>>();
  private done = 0;
  private total = 0;
  private idleWaiters: (() => void)[] = [];
  private readonly listeners = new Set<(progress: QueueProgress) => void>();

  constructor(
    private readonly runner: TaskRunner<T>,
    private concurrency: number,
    /** Told about each queued task dropped before it started (cancel, cancelAll). */
    private readonly onDrop?: (item: T) => void,
    /** Told when a task that ran is over and its key is free again (`has` is false). */
    private readonly onFinished?: (item: T) => void,
  ) {}

  setConcurrency(n: number): void {
    this.concurrency = Math.max(1, Math.floor(n));
    this.pump();
  }

  /** False when the key is already queued or running. `front` puts it before waiting work (an explicit request). */
  add(key: string, item: T, front = false): boolean {
    if (this.has(key)) return false;
    const task: Task<T> = { key, item, controller: new AbortController() };
    if (front) this.queued.unshift(task);
    else this.queued.push(task);
    this.total += 1;
    this.pump();
    this.emit();
    return true;
  }

  has(key: string): boolean {
    return this.running.has(key) || this.queued.some((t) => t.key === key);
  }

  /** Drops a queued task or aborts a running one. */
  cancel(key: string): void {
    const i = this.queued.findIndex((t) => t.key === key);
    if (i !== -1) {
      const [dropped] = this.queued.splice(i, 1);
      this.total -= 1;
      this.onDrop?.(dropped!.item);
    }
    this.running.get(key)?.controller.abort();
    this.emit();
    this.checkIdle();
  }

  cancelAll(): void {
    this.total -= this.queued.length;
    for (const task of this.queued.splice(0)) this.onDrop?.(task.item);
    for (const task of this.running.values()) task.controller.abort();
    this.emit();
    this.checkIdle();
  }

  get progress(): QueueProgress {
    return { done: this.done, total: this.total, running: this.running.size, queued: this.queued.length };
  }

  get idle(): boolean {
    return this.running.size === 0 && this.queued.length === 0;
  }

  /** Resolves once nothing is queued or running (at once if that is already so). */
  whenIdle(): Promise<void> {
    if (this.idle) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  onProgress(listener: (progress: QueueProgress) => void): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  private pump(): void {
    while (this.running.size < this.concurrency && this.queued.length) {
      const task = this.queued.shift()!;
      this.running.set(task.key, task);
      void this.execute(task);
    }
  }

  private async execute(task: Task<T>): Promise<void> {
    try {
      await this.runner(task.item, task.controller.signal);
    } catch {
      // The runner records its own failures (as `unknown`); the queue only keeps going.
    } finally {
      this.running.delete(task.key);
      this.done += 1;
      this.onFinished?.(task.item);
      this.pump();
      this.emit();
      this.checkIdle();
    }
  }

  private emit(): void {
    const progress = this.progress;
    for (const listener of this.listeners) {
      try {
        listener(progress);
      } catch {
        // A faulty listener must not stop the queue.
      }
    }
  }

  private checkIdle(): void {
    if (!this.idle) return;
    this.done = 0;
    this.total = 0;
    this.emit();
    const waiters = this.idleWaiters.splice(0);
    for (const resolve of waiters) resolve();
  }
}
