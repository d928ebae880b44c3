/** Test-only requests, served by testWorker.ts (never by the product worker). */
export interface TestRequests {
  echo: { params: { value: unknown }; result: { value: unknown; threadId: number }; progress: never };
  /** Cooperative: waits `ms`, stops early when cancelled. `counter` (Int32Array over a SharedArrayBuffer): [running, max running]. */
  sleep: { params: { ms: number; counter?: SharedArrayBuffer }; result: { threadId: number }; progress: never };
  /** A busy loop that ignores cancellation. With `marker`: hangs only if the marker file does not exist yet (creating it). */
  hang: { params: { marker?: string }; result: string; progress: never };
  /** Dies: process.exit(3), an uncaught exception, or out of memory. With `marker`: only the first time. */
  crash: { params: { how: 'exit' | 'throw' | 'oom'; marker?: string }; result: string; progress: never };
  steps: { params: { n: number }; result: number; progress: { step: number } };
  fail: { params: { message: string; code?: string }; result: never; progress: never };
}
