import assert from 'node:assert/strict';
import { test } from 'node:test';
import { KeyedDebouncer, type Timers } from '../../../src/editor/model/debounce';
import { statusText } from '../../../src/editor/model/statusText';
import { TaskQueue } from '../../../src/editor/model/taskQueue';

/** Timers driven by hand: `advance(ms)` runs what is due, in order. */
function manualTimers(): Timers & { advance(ms: number): void; now: number } {
  let now = 0;
  let seq = 0;
  const pending = new Map<number, { at: number; fn: () => void }>();
  return {
    get now() {
      return now;
    },
    setTimeout: (fn, ms) => {
      const id = ++seq;
      pending.set(id, { at: now + ms, fn });
      return id;
    },
    clearTimeout: (handle) => void pending.delete(handle as number),
    advance(ms: number) {
      const until = now + ms;
      for (;;) {
        const due = [...pending.entries()].filter(([, t]) => t.at <= until).sort((a, b) => a[1].at - b[1].at)[0];
        if (!due) break;
        pending.delete(due[0]);
        now = due[1].at;
        due[1].fn();
      }
      now = until;
    },
  };
}

test('a burst of edits to one file runs once, 500 ms after the last; other files keep their own timers', () => {
  const timers = manualTimers();
  const debouncer = new KeyedDebouncer<string>(500, timers);
  const runs: string[] = [];
  for (let i = 0; i < 5; i++) {
    debouncer.schedule('package.json', () => runs.push(`package.json@${timers.now}`));
    timers.advance(100);
  }
  debouncer.schedule('yarn.lock', () => runs.push(`yarn.lock@${timers.now}`));
  assert.deepEqual(runs, []);
  timers.advance(399);
  assert.deepEqual(runs, [], 'not yet: 499 ms after the last edit');
  timers.advance(1);
  assert.deepEqual(runs, ['package.json@900']);
  timers.advance(100);
  assert.deepEqual(runs, ['package.json@900', 'yarn.lock@1000']);
  assert.equal(debouncer.size, 0);
});

test('a save flushes the pending run at once; a deleted file cancels it', () => {
  const timers = manualTimers();
  const debouncer = new KeyedDebouncer<string>(500, timers);
  const runs: string[] = [];
  debouncer.schedule('a', () => runs.push('a'));
  debouncer.schedule('b', () => runs.push('b'));
  assert.equal(debouncer.flush('a'), true);
  assert.deepEqual(runs, ['a']);
  debouncer.cancel('b');
  timers.advance(1000);
  assert.deepEqual(runs, ['a']);
  assert.equal(debouncer.flush('a'), false);
});

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

test('the queue runs at most `concurrency` jobs, one per key, and counts progress per busy period', async () => {
  const gates = new Map<string, ReturnType<typeof deferred>>();
  const started: string[] = [];
  const queue = new TaskQueue<string>(async (item) => {
    started.push(item);
    const gate = deferred();
    gates.set(item, gate);
    await gate.promise;
  }, 2);
  const seen: string[] = [];
  queue.onProgress((p) => seen.push(`${p.done}/${p.total}`));
  assert.equal(queue.add('a@1', 'a'), true);
  assert.equal(queue.add('b@1', 'b'), true);
  assert.equal(queue.add('c@1', 'c'), true);
  assert.equal(queue.add('a@1', 'a'), false, 'already running');
  assert.equal(queue.add('c@1', 'c'), false, 'already queued');
  assert.deepEqual(started, ['a', 'b']);
  assert.deepEqual(queue.progress, { done: 0, total: 3, running: 2, queued: 1 });
  assert.deepEqual(statusText(queue.progress, { malicious: 0, suspicious: 0, notable: 0, unknown: 0 }).text, '$(sync~spin) Takedown: scanning 1 of 3');
  gates.get('a')!.resolve();
  await new Promise((r) => setImmediate(r));
  assert.deepEqual(started, ['a', 'b', 'c']);
  assert.deepEqual(queue.progress, { done: 1, total: 3, running: 2, queued: 0 });
  const idle = queue.whenIdle();
  gates.get('b')!.resolve();
  gates.get('c')!.resolve();
  await idle;
  assert.equal(queue.idle, true);
  assert.deepEqual(queue.progress, { done: 0, total: 0, running: 0, queued: 0 }, 'counts restart after idle');
  assert.deepEqual(seen.slice(-2), ['3/3', '0/0']);
});

test('cancelAll drops queued jobs and aborts running ones; an explicit request jumps the queue', async () => {
  const aborted: string[] = [];
  const started: string[] = [];
  const dropped: string[] = [];
  const queue = new TaskQueue<string>(
    (item, signal) =>
      new Promise<void>((resolve) => {
        started.push(item);
        signal.addEventListener('abort', () => {
          aborted.push(item);
          resolve();
        });
      }),
    1,
    (item) => dropped.push(item),
  );
  queue.add('a', 'a');
  queue.add('b', 'b');
  queue.add('c', 'c', true);
  assert.deepEqual(started, ['a']);
  assert.deepEqual(queue.progress.queued, 2);
  queue.cancel('b');
  assert.equal(queue.progress.total, 2);
  queue.cancelAll();
  await queue.whenIdle();
  assert.deepEqual(aborted, ['a']);
  assert.deepEqual(started, ['a'], 'c was dropped before it started');
  assert.deepEqual(dropped, ['b', 'c'], 'dropped tasks are reported, so their callers are not left waiting');
});

test('the status bar reads counts when idle', () => {
  const idle = { done: 0, total: 0, running: 0, queued: 0 };
  assert.equal(statusText(idle, { malicious: 0, suspicious: 0, notable: 3, unknown: 0 }).text, '$(shield) Takedown');
  assert.equal(statusText(idle, { malicious: 0, suspicious: 0, notable: 0, unknown: 2 }).text, '$(shield) Takedown: 2 unknown');
  assert.equal(statusText(idle, { malicious: 1, suspicious: 2, notable: 0, unknown: 0 }).text, 'Takedown: $(error) 1 malicious $(warning) 2 suspicious');
});
