import os from 'node:os';
import { Worker, type ResourceLimits } from 'node:worker_threads';
import type {
  EngineRequests,
  JobRequest,
  LogLevel,
  RequestMap,
  RequestProgress,
  RequestResult,
  RequestType,
  WorkerErrorCode,
  WorkerMessage,
} from './protocol';

export type WorkerPoolErrorCode =
  /** The job ran past its time limit twice (each time on a fresh worker). */
  | 'E_TIMEOUT'
  /** The worker died (exit, uncaught exception, out of memory) twice while running the job. */
  | 'E_WORKER_CRASHED'
  /** The caller's AbortSignal fired. */
  | 'E_CANCELLED'
  /** The pool was disposed before the job finished. */
  | 'E_DISPOSED'
  /** The handler failed (E_WORKER) or refused the request (E_PROTOCOL): deterministic, not retried. */
  | Exclude<WorkerErrorCode, 'E_CANCELLED'>;

/** Every failure of {@link WorkerPool.run}. The caller reports the package as `unknown`, never clean. */
export class WorkerPoolError extends Error {
  override readonly name = 'WorkerPoolError';
  constructor(
    readonly code: WorkerPoolErrorCode,
    message: string,
    readonly requestType: string,
    /** Times the job was started on a worker. */
    readonly attempts: number,
    /** For E_WORKER: the handler error's own code, when it had one. */
    readonly causeCode?: string,
  ) {
    super(message);
  }
}

export interface WorkerPoolOptions {
  /** The worker script (a built .js file). */
  script: string | URL;
  /** Default: max(1, min(4, availableParallelism - 1)). */
  size?: number;
  /** Default per-job time limit (ms), counted from when the worker is ready (boot excluded). Default 120 s. */
  timeoutMs?: number;
  /** How long a new worker may take to load its script and send `ready` (ms); past it, it counts as a crash. Default 30 s. */
  startTimeoutMs?: number;
  /** How long a cancelled job's worker may take to stop before it is terminated (ms). Default 2 s. */
  cancelGraceMs?: number;
  /** Extra attempts after a timeout or crash. Default 1 (retried once). */
  retries?: number;
  /** Default: 512 MB old generation, so a runaway job kills its worker, not the host. */
  resourceLimits?: ResourceLimits;
  execArgv?: string[];
  workerData?: unknown;
  onLog?: (level: LogLevel, message: string) => void;
}

export interface RunOptions<P> {
  signal?: AbortSignal;
  /** Overrides the pool's time limit for this job. */
  timeoutMs?: number;
  /** Called with each progress report, in order, until the job settles. */
  onProgress?: (progress: P) => void;
}

export interface WorkerPoolStats {
  workers: number;
  busy: number;
  queued: number;
  /** Workers started since the pool was created. */
  started: number;
  /** Workers terminated by the pool (timeout, cancellation grace) or lost (crash). */
  replaced: number;
}

export function defaultPoolSize(): number {
  const cores = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
  return Math.max(1, Math.min(4, cores - 1));
}

interface Job {
  type: string;
  request: object;
  options: RunOptions<unknown>;
  attempts: number;
  settled: boolean;
  resolve(value: unknown): void;
  reject(error: WorkerPoolError): void;
  onAbort?: () => void;
  slot?: Slot;
}

interface Slot {
  worker: Worker;
  state: 'idle' | 'busy' | 'cancelling' | 'dead';
  /** The worker sent `ready` (its script is loaded). */
  ready: boolean;
  job?: Job;
  /** Wire id of the request in flight on this worker. */
  messageId?: number;
  timer?: NodeJS.Timeout;
  /** The job's time limit, armed once the worker is ready. */
  timeoutMs?: number;
  bootTimer?: NodeJS.Timeout;
  lastError?: Error;
}

/**
 * A pool of worker_threads workers running one script, one job per worker at a time. Workers start
 * lazily and idle ones do not keep the process alive. A job that times out or whose worker dies is
 * retried once on a fresh worker, then rejected with E_TIMEOUT / E_WORKER_CRASHED; a cancelled job
 * is rejected at once and its worker terminated if it does not stop within the grace period.
 */
export class WorkerPool<M extends RequestMap<M> = EngineRequests> {
  private readonly slots: Slot[] = [];
  private readonly queue: Job[] = [];
  private readonly size: number;
  private readonly timeoutMs: number;
  private readonly startTimeoutMs: number;
  private readonly graceMs: number;
  private readonly maxAttempts: number;
  private nextId = 1;
  private disposed = false;
  private started = 0;
  private replaced = 0;

  constructor(private readonly options: WorkerPoolOptions) {
    this.size = Math.max(1, Math.floor(options.size ?? defaultPoolSize()));
    this.timeoutMs = options.timeoutMs ?? 120_000;
    this.startTimeoutMs = options.startTimeoutMs ?? 30_000;
    this.graceMs = options.cancelGraceMs ?? 2_000;
    this.maxAttempts = 1 + Math.max(0, options.retries ?? 1);
  }

  run<K extends RequestType<M>>(request: JobRequest<M, K>, options: RunOptions<RequestProgress<M, K>> = {}): Promise<RequestResult<M, K>> {
    const type = String(request.type);
    if (this.disposed) return Promise.reject(new WorkerPoolError('E_DISPOSED', 'the worker pool was disposed', type, 0));
    if (options.signal?.aborted) return Promise.reject(new WorkerPoolError('E_CANCELLED', 'cancelled before it started', type, 0));
    return new Promise<RequestResult<M, K>>((resolve, reject) => {
      const job: Job = { type, request, options: options as RunOptions<unknown>, attempts: 0, settled: false, resolve: resolve as (v: unknown) => void, reject };
      if (options.signal) {
        job.onAbort = () => this.cancel(job);
        options.signal.addEventListener('abort', job.onAbort, { once: true });
      }
      this.queue.push(job);
      this.pump();
    });
  }

  get stats(): WorkerPoolStats {
    return {
      workers: this.slots.length,
      busy: this.slots.filter((s) => s.state !== 'idle').length,
      queued: this.queue.length,
      started: this.started,
      replaced: this.replaced,
    };
  }

  /** Rejects every pending job with E_DISPOSED and terminates all workers. Later runs are rejected. */
  async dispose(): Promise<void> {
    this.disposed = true;
    for (const job of this.queue.splice(0)) this.settle(job, new WorkerPoolError('E_DISPOSED', 'the worker pool was disposed', job.type, job.attempts));
    const slots = this.slots.splice(0);
    for (const slot of slots) {
      if (slot.job) this.settle(slot.job, new WorkerPoolError('E_DISPOSED', 'the worker pool was disposed', slot.job.type, slot.job.attempts));
      slot.state = 'dead';
      clearTimeout(slot.timer);
      clearTimeout(slot.bootTimer);
    }
    await Promise.all(slots.map((s) => s.worker.terminate().catch(() => undefined)));
  }

  // ---- scheduling ---------------------------------------------------------------------------

  private pump(): void {
    while (!this.disposed && this.queue.length > 0) {
      let slot = this.slots.find((s) => s.state === 'idle');
      if (!slot) {
        if (this.slots.length >= this.size) return;
        try {
          slot = this.spawn();
        } catch (error) {
          // A bad script path or options: every queued job would fail the same way.
          for (const job of this.queue.splice(0))
            this.settle(job, new WorkerPoolError('E_WORKER_CRASHED', `the worker could not be started: ${(error as Error).message}`, job.type, job.attempts));
          return;
        }
      }
      this.start(this.queue.shift()!, slot);
    }
  }

  private spawn(): Slot {
    const worker = new Worker(this.options.script, {
      resourceLimits: this.options.resourceLimits ?? { maxOldGenerationSizeMb: 512 },
      ...(this.options.execArgv ? { execArgv: this.options.execArgv } : {}),
      ...(this.options.workerData !== undefined ? { workerData: this.options.workerData } : {}),
    });
    const slot: Slot = { worker, state: 'idle', ready: false };
    slot.bootTimer = setTimeout(() => this.bootTimedOut(slot), this.startTimeoutMs);
    slot.bootTimer.unref();
    worker.on('message', (message: WorkerMessage) => this.receive(slot, message));
    worker.on('error', (error) => {
      slot.lastError = error;
    });
    worker.on('messageerror', (error) => {
      slot.lastError = error;
    });
    worker.on('exit', (code) => this.exited(slot, code));
    worker.unref();
    this.slots.push(slot);
    this.started++;
    return slot;
  }

  private start(job: Job, slot: Slot): void {
    job.attempts++;
    job.slot = slot;
    const id = this.nextId++;
    slot.state = 'busy';
    slot.job = job;
    slot.messageId = id;
    slot.worker.ref();
    slot.timeoutMs = job.options.timeoutMs ?? this.timeoutMs;
    if (slot.ready) this.arm(slot);
    try {
      slot.worker.postMessage({ ...job.request, id });
    } catch (error) {
      // Not cloneable: deterministic, so no retry.
      this.release(slot);
      this.settle(job, new WorkerPoolError('E_PROTOCOL', `the request could not be sent: ${(error as Error).message}`, job.type, job.attempts));
      this.pump();
    }
  }

  /** Starts the time limit of the job in flight (on post, or when a new worker becomes ready). */
  private arm(slot: Slot): void {
    const job = slot.job;
    const timeoutMs = slot.timeoutMs;
    if (!job || timeoutMs === undefined || slot.state !== 'busy') return;
    clearTimeout(slot.timer);
    slot.timer = setTimeout(() => this.timedOut(slot, job, timeoutMs), timeoutMs);
  }

  private bootTimedOut(slot: Slot): void {
    if (slot.ready || slot.state === 'dead') return;
    const job = slot.state === 'busy' ? slot.job : undefined;
    this.kill(slot);
    if (job) this.retryOrFail(job, 'E_WORKER_CRASHED', `the worker did not start within ${this.startTimeoutMs} ms`);
    this.pump();
  }

  /** The worker is free again (answered, or answered after a cancel). */
  private release(slot: Slot): void {
    clearTimeout(slot.timer);
    slot.timer = undefined;
    slot.job = undefined;
    slot.messageId = undefined;
    if (slot.state === 'dead') return;
    slot.state = 'idle';
    slot.worker.unref();
  }

  private receive(slot: Slot, message: WorkerMessage): void {
    if (typeof message !== 'object' || message === null) return;
    if (message.type === 'log') {
      this.options.onLog?.(message.level, String(message.message));
      return;
    }
    if (message.type === 'ready') {
      slot.ready = true;
      clearTimeout(slot.bootTimer);
      this.arm(slot);
      return;
    }
    if (slot.state === 'dead' || message.id !== slot.messageId) return;
    const job = slot.job;
    if (message.type === 'progress') {
      if (job && !job.settled) {
        try {
          job.options.onProgress?.(message.progress);
        } catch {
          // A faulty progress callback must not take the pool down.
        }
      }
      return;
    }
    this.release(slot);
    if (job && !job.settled) {
      if (message.type === 'result') this.settle(job, undefined, message.result);
      else {
        const code = message.code === 'E_PROTOCOL' ? 'E_PROTOCOL' : 'E_WORKER';
        this.settle(job, new WorkerPoolError(code, String(message.message), job.type, job.attempts, message.cause));
      }
    }
    this.pump();
  }

  private timedOut(slot: Slot, job: Job, timeoutMs: number): void {
    if (slot.job !== job || slot.state !== 'busy') return;
    this.kill(slot);
    this.retryOrFail(job, 'E_TIMEOUT', `no answer within ${timeoutMs} ms`);
    this.pump();
  }

  private exited(slot: Slot, code: number): void {
    if (slot.state === 'dead') return; // terminated by us (timeout, grace, dispose)
    slot.state = 'dead';
    clearTimeout(slot.timer);
    clearTimeout(slot.bootTimer);
    this.remove(slot);
    this.replaced++;
    const job = slot.job;
    slot.job = undefined;
    if (job && !job.settled) {
      const why = slot.lastError ? `${(slot.lastError as NodeJS.ErrnoException).code ?? slot.lastError.name}: ${slot.lastError.message}` : `exit code ${code}`;
      this.retryOrFail(job, 'E_WORKER_CRASHED', `the worker died (${why})`);
    }
    this.pump();
  }

  private retryOrFail(job: Job, code: 'E_TIMEOUT' | 'E_WORKER_CRASHED', detail: string): void {
    job.slot = undefined;
    if (job.settled) return;
    if (job.attempts < this.maxAttempts && !this.disposed) {
      this.queue.unshift(job);
      this.options.onLog?.('warn', `${job.type}: ${detail}; retrying on a fresh worker`);
      return;
    }
    this.settle(job, new WorkerPoolError(code, `${job.type}: ${detail} (attempt ${job.attempts} of ${this.maxAttempts})`, job.type, job.attempts));
  }

  private cancel(job: Job): void {
    if (job.settled) return;
    const queued = this.queue.indexOf(job);
    if (queued !== -1) this.queue.splice(queued, 1);
    const slot = job.slot;
    this.settle(job, new WorkerPoolError('E_CANCELLED', `${job.type} was cancelled`, job.type, job.attempts));
    if (!slot || slot.job !== job || slot.state !== 'busy') return;
    // The worker stays reserved until it answers; if it does not within the grace period, it goes.
    slot.state = 'cancelling';
    clearTimeout(slot.timer);
    slot.timer = setTimeout(() => {
      if (slot.state !== 'cancelling') return;
      this.kill(slot);
      this.pump();
    }, this.graceMs);
    try {
      slot.worker.postMessage({ type: 'cancel', id: slot.messageId });
    } catch {
      // The grace timer handles a worker that cannot be told.
    }
  }

  private kill(slot: Slot): void {
    slot.state = 'dead';
    clearTimeout(slot.timer);
    clearTimeout(slot.bootTimer);
    slot.timer = undefined;
    slot.job = undefined;
    this.remove(slot);
    this.replaced++;
    void slot.worker.terminate().catch(() => undefined);
  }

  private remove(slot: Slot): void {
    const i = this.slots.indexOf(slot);
    if (i !== -1) this.slots.splice(i, 1);
  }

  private settle(job: Job, error: WorkerPoolError | undefined, value?: unknown): void {
    if (job.settled) return;
    job.settled = true;
    if (job.onAbort) job.options.signal?.removeEventListener('abort', job.onAbort);
    if (error) job.reject(error);
    else job.resolve(value);
  }
}
