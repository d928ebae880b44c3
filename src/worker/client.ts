import { Worker } from 'node:worker_threads';
import type { DependencyFile, DependencyFileKind } from '../engine/deps/model';
import type { WorkerResponse } from './protocol';

export interface WorkerLogger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

interface Pending {
  resolve(file: DependencyFile): void;
  reject(error: Error): void;
}

/**
 * The host's handle on the engine worker. The worker starts on first use (activation stays
 * cheap) and is restarted after a crash; requests in flight when it dies are rejected, never
 * answered with an empty model.
 */
export class EngineWorker {
  private worker: Worker | undefined;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();

  constructor(private readonly script: string, private readonly log: WorkerLogger) {}

  parse(kind: DependencyFileKind, text: string, maxBytes?: number): Promise<DependencyFile> {
    const worker = this.ensure();
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.postMessage({ type: 'parseDependencyFile', id, kind, text, ...(maxBytes ? { maxBytes } : {}) });
    });
  }

  dispose(): void {
    const worker = this.worker;
    this.worker = undefined;
    this.failAll('the engine worker was stopped');
    void worker?.terminate();
  }

  private ensure(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(this.script, { resourceLimits: { maxOldGenerationSizeMb: 512 } });
    worker.on('message', (message: WorkerResponse) => this.receive(message));
    worker.on('error', (error) => this.log.error(`engine worker failed: ${error.message}`));
    worker.on('exit', (code) => {
      if (this.worker !== worker) return;
      this.worker = undefined;
      if (code !== 0) this.log.warn(`engine worker exited with code ${code}; it restarts on the next request`);
      this.failAll(`the engine worker exited (code ${code})`);
    });
    this.worker = worker;
    return worker;
  }

  private receive(message: WorkerResponse): void {
    if (message.type === 'log') {
      this.log.info(`[worker] ${message.message}`);
      return;
    }
    const pending = this.pending.get(message.id);
    if (!pending) return;
    this.pending.delete(message.id);
    if (message.type === 'result') pending.resolve(message.result);
    else pending.reject(new Error(`${message.code}: ${message.message}`));
  }

  private failAll(reason: string): void {
    for (const p of this.pending.values()) p.reject(new Error(reason));
    this.pending.clear();
  }
}
