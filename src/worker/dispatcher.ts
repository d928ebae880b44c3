import { parentPort } from 'node:worker_threads';
import {
  isRequestEnvelope,
  type LogLevel,
  type RequestMap,
  type RequestMessage,
  type RequestProgress,
  type RequestResult,
  type RequestType,
  type WorkerErrorCode,
  type WorkerMessage,
} from './protocol';

/** What a handler gets besides its request. */
export interface HandlerContext<P = unknown> {
  /** Fires when the host cancels the request (or the pool dropped it). Check it between steps. */
  signal: AbortSignal;
  /** Reports progress; delivered to the caller's `onProgress` in order. */
  progress(progress: P): void;
  log(level: LogLevel, message: string): void;
}

export type Handler<M extends RequestMap<M>, K extends RequestType<M>> = (
  request: RequestMessage<M, K>,
  context: HandlerContext<RequestProgress<M, K>>,
) => RequestResult<M, K> | Promise<RequestResult<M, K>>;

/** The side of the port the dispatcher talks to (parentPort in a worker; a fake in tests). */
export interface Port {
  postMessage(message: unknown): void;
  on(event: 'message', listener: (message: unknown) => void): unknown;
}

interface Registered {
  handle(request: never, context: HandlerContext<never>): unknown;
  validate?: (request: Record<string, unknown>) => boolean;
}

/**
 * Worker-side request dispatch: maps request types to handlers, answers each request exactly once
 * (`result`, or `error` with a code), forwards progress and logs, and turns `cancel` messages into
 * the handler's AbortSignal. Adding a request type is one `register` call.
 */
export class Dispatcher<M extends RequestMap<M>> {
  private readonly handlers = new Map<string, Registered>();
  private readonly running = new Map<number, AbortController>();

  constructor(private readonly port: Port | null = parentPort) {}

  /** `validate` checks the request's fields (untrusted input); a failing request gets E_PROTOCOL. */
  register<K extends RequestType<M>>(type: K, handler: Handler<M, K>, validate?: (request: Record<string, unknown>) => boolean): this {
    if (type === 'cancel') throw new Error('"cancel" is reserved');
    if (this.handlers.has(type)) throw new Error(`a handler for "${type}" is already registered`);
    this.handlers.set(type, { handle: handler as Registered['handle'], ...(validate ? { validate } : {}) });
    return this;
  }

  /** Starts answering messages on the port. */
  listen(): this {
    this.port?.on('message', (message) => void this.dispatch(message));
    this.send({ type: 'ready' });
    return this;
  }

  /** Handles one incoming message (exposed for tests). */
  async dispatch(message: unknown): Promise<void> {
    if (!isRequestEnvelope(message)) {
      const id = typeof (message as { id?: unknown } | null)?.id === 'number' ? (message as { id: number }).id : -1;
      this.send({ type: 'error', id, code: 'E_PROTOCOL', message: 'malformed request' });
      return;
    }
    if (message.type === 'cancel') {
      this.running.get(message.id)?.abort();
      return;
    }
    const entry = this.handlers.get(message.type);
    if (!entry || (entry.validate && !entry.validate(message as unknown as Record<string, unknown>))) {
      this.send({ type: 'error', id: message.id, code: 'E_PROTOCOL', message: entry ? 'malformed request' : `unknown request type: ${String(message.type).slice(0, 100)}` });
      return;
    }
    const controller = new AbortController();
    this.running.set(message.id, controller);
    const context: HandlerContext<never> = {
      signal: controller.signal,
      progress: (progress) => {
        if (!controller.signal.aborted) this.send({ type: 'progress', id: message.id, progress });
      },
      log: (level, text) => this.send({ type: 'log', level, message: text }),
    };
    try {
      const result = await entry.handle(message as never, context);
      this.send({ type: 'result', id: message.id, result });
    } catch (error) {
      const cancelled = controller.signal.aborted;
      const code: WorkerErrorCode = cancelled ? 'E_CANCELLED' : 'E_WORKER';
      const own = (error as { code?: unknown } | null)?.code;
      this.send({
        type: 'error',
        id: message.id,
        code,
        message: error instanceof Error ? error.message : String(error),
        ...(typeof own === 'string' ? { cause: own } : {}),
      });
    } finally {
      this.running.delete(message.id);
    }
  }

  private send(message: WorkerMessage): void {
    try {
      this.port?.postMessage(message);
    } catch (error) {
      // A result that cannot be cloned (a function, a symbol...).
      if (message.type === 'result') {
        this.port?.postMessage({ type: 'error', id: message.id, code: 'E_WORKER', message: `the result could not be sent: ${(error as Error).message}` } satisfies WorkerMessage);
      } else throw error;
    }
  }
}
