import { existsSync, writeFileSync } from 'node:fs';
import { threadId } from 'node:worker_threads';
import { Dispatcher } from '../../../src/worker/dispatcher';
import type { TestRequests } from './testProtocol';

/** A worker with sleep/hang/crash commands, for the pool tests only. Bundled on the fly by the test. */
const d = new Dispatcher<TestRequests>();

/** True the first time for a marker (creates it); always true without one. */
function firstTime(marker: string | undefined): boolean {
  if (!marker) return true;
  if (existsSync(marker)) return false;
  writeFileSync(marker, 'x');
  return true;
}

d.register('echo', (r) => ({ value: r.value, threadId }));

d.register('sleep', async (r, ctx) => {
  const counter = r.counter ? new Int32Array(r.counter) : undefined;
  if (counter) {
    const now = Atomics.add(counter, 0, 1) + 1;
    for (let max = Atomics.load(counter, 1); now > max; max = Atomics.load(counter, 1)) Atomics.compareExchange(counter, 1, max, now);
  }
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(resolve, r.ms);
      ctx.signal.addEventListener('abort', () => {
        clearTimeout(timer);
        reject(new Error('stopped'));
      });
    });
  } finally {
    if (counter) Atomics.sub(counter, 0, 1);
  }
  return { threadId };
});

d.register('hang', (r) => {
  if (firstTime(r.marker)) for (;;);
  return `answered on thread ${threadId}`;
});

d.register('crash', (r) => {
  if (!firstTime(r.marker)) return `survived on thread ${threadId}`;
  if (r.how === 'exit') process.exit(3);
  if (r.how === 'throw') {
    setTimeout(() => {
      throw new Error('boom');
    });
    return new Promise<string>(() => undefined);
  }
  const hog: number[][] = [];
  for (;;) hog.push(new Array(1_000_000).fill(hog.length));
});

d.register('steps', async (r, ctx) => {
  for (let step = 1; step <= r.n; step++) {
    ctx.progress({ step });
    await new Promise((resolve) => setImmediate(resolve));
  }
  ctx.log('info', `did ${r.n} steps`);
  return r.n;
});

d.register('fail', (r) => {
  throw Object.assign(new Error(r.message), r.code ? { code: r.code } : {});
});

d.listen();
