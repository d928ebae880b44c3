import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { buildSync, type BuildOptions } from 'esbuild';
import { defaultPoolSize, WorkerPool, WorkerPoolError, type WorkerPoolErrorCode, type WorkerPoolOptions } from '../../../src/worker/pool';
import type { TestRequests } from './testProtocol';

let tmp: string;
let testScript: string;
let productScript: string;

before(() => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'takedown-pool-'));
  testScript = path.join(tmp, 'testWorker.js');
  productScript = path.join(tmp, 'worker.js');
  const common: BuildOptions = { bundle: true, platform: 'node', format: 'cjs', target: 'node20', logLevel: 'silent', mainFields: ['module', 'main'] };
  buildSync({ ...common, entryPoints: [path.join(__dirname, 'testWorker.ts')], outfile: testScript });
  buildSync({ ...common, entryPoints: [path.join(__dirname, '../../../src/worker/worker.ts')], outfile: productScript });
});
after(() => rmSync(tmp, { recursive: true, force: true }));

let markers = 0;
const marker = () => path.join(tmp, `marker-${++markers}`);

function pool(options: Partial<WorkerPoolOptions> = {}): WorkerPool<TestRequests> {
  return new WorkerPool<TestRequests>({ script: testScript, size: 2, timeoutMs: 5_000, cancelGraceMs: 300, ...options });
}

async function rejectsWith(promise: Promise<unknown>, code: WorkerPoolErrorCode, attempts?: number): Promise<WorkerPoolError> {
  const error = await promise.then(
    () => assert.fail(`expected ${code}, got a result`),
    (e: unknown) => e,
  );
  assert.ok(error instanceof WorkerPoolError, `not a WorkerPoolError: ${String(error)}`);
  assert.equal(error.code, code, error.message);
  if (attempts !== undefined) assert.equal(error.attempts, attempts);
  return error;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('WorkerPool', () => {
  test('workers start lazily; size defaults to max(1, min(4, cores - 1))', async (t) => {
    const p = pool();
    t.after(() => p.dispose());
    assert.equal(p.stats.workers, 0);
    const r = await p.run({ type: 'echo', value: { a: [1, 'x'] } });
    assert.deepEqual(r.value, { a: [1, 'x'] });
    assert.deepEqual([p.stats.workers, p.stats.started, p.stats.busy], [1, 1, 0]);
    const size = defaultPoolSize();
    assert.ok(size >= 1 && size <= 4);
    assert.equal(size, Math.max(1, Math.min(4, os.availableParallelism() - 1)));
  });

  test('concurrency is bounded by the pool size', async (t) => {
    const p = pool({ size: 2 });
    t.after(() => p.dispose());
    const sab = new SharedArrayBuffer(8);
    const started = Date.now();
    const results = await Promise.all(Array.from({ length: 6 }, () => p.run({ type: 'sleep', ms: 80, counter: sab })));
    const counter = new Int32Array(sab);
    assert.deepEqual([counter[0], counter[1]], [0, 2], 'never more than 2 jobs at once, and 2 did run at once');
    assert.equal(new Set(results.map((r) => r.threadId)).size, 2);
    assert.deepEqual([p.stats.started, p.stats.workers, p.stats.queued], [2, 2, 0]);
    assert.ok(Date.now() - started >= 3 * 80 - 10, 'six 80 ms jobs on two workers take three rounds');
  });

  test('progress events arrive in order, before the result; worker logs are forwarded', async (t) => {
    const logs: string[] = [];
    const p = pool({ onLog: (level, message) => logs.push(`${level}:${message}`) });
    t.after(() => p.dispose());
    const seen: number[] = [];
    const n = await p.run({ type: 'steps', n: 20 }, { onProgress: (e) => seen.push(e.step) });
    assert.equal(n, 20);
    assert.deepEqual(seen, Array.from({ length: 20 }, (_, i) => i + 1));
    assert.deepEqual(logs, ['info:did 20 steps']);
  });

  test('a handler error is E_WORKER with its own code, not retried; an unknown type is E_PROTOCOL', async (t) => {
    const p = pool();
    t.after(() => p.dispose());
    const e = await rejectsWith(p.run({ type: 'fail', message: 'bad tarball', code: 'E_TOO_LARGE' }), 'E_WORKER', 1);
    assert.deepEqual([e.message, e.causeCode, e.requestType], ['bad tarball', 'E_TOO_LARGE', 'fail']);
    await rejectsWith(p.run({ type: 'nope' } as never), 'E_PROTOCOL', 1);
    assert.equal(p.stats.replaced, 0, 'handler errors do not cost a worker');
  });

  test('a hung job: worker terminated and replaced, retried once, then E_TIMEOUT', async (t) => {
    const p = pool({ timeoutMs: 200 });
    t.after(() => p.dispose());
    const started = Date.now();
    const e = await rejectsWith(p.run({ type: 'hang' }), 'E_TIMEOUT', 2);
    assert.match(e.message, /no answer within 200 ms \(attempt 2 of 2\)/);
    assert.ok(Date.now() - started >= 400);
    assert.deepEqual([p.stats.replaced, p.stats.started, p.stats.workers], [2, 2, 0]);
    // The pool still works: a fresh worker answers.
    assert.deepEqual((await p.run({ type: 'echo', value: 1 })).value, 1);
    assert.equal(p.stats.started, 3);
  });

  test('a job that hangs once succeeds on the retry; a per-job timeout overrides the pool one', async (t) => {
    const p = pool({ timeoutMs: 60_000 });
    t.after(() => p.dispose());
    const r = await p.run({ type: 'hang', marker: marker() }, { timeoutMs: 200 });
    assert.match(r, /^answered on thread \d+$/);
    assert.deepEqual([p.stats.replaced, p.stats.started], [1, 2]);
  });

  for (const how of ['exit', 'throw'] as const) {
    test(`a worker that dies (${how}) is replaced; the job is retried once, then E_WORKER_CRASHED`, async (t) => {
      const p = pool();
      t.after(() => p.dispose());
      const e = await rejectsWith(p.run({ type: 'crash', how }), 'E_WORKER_CRASHED', 2);
      assert.match(e.message, how === 'exit' ? /exit code 3/ : /boom/);
      assert.equal(p.stats.replaced, 2);
      const survived = await p.run({ type: 'crash', how, marker: marker() });
      assert.match(survived, /^survived on thread/);
      assert.equal(p.stats.replaced, 3);
    });
  }

  test('a worker out of memory (resourceLimits) is a crash, not a host crash', async (t) => {
    const p = pool({ resourceLimits: { maxOldGenerationSizeMb: 24, maxYoungGenerationSizeMb: 4 }, retries: 0 });
    t.after(() => p.dispose());
    const e = await rejectsWith(p.run({ type: 'crash', how: 'oom' }), 'E_WORKER_CRASHED', 1);
    assert.match(e.message, /ERR_WORKER_OUT_OF_MEMORY/);
    assert.equal((await p.run({ type: 'echo', value: 'alive' })).value, 'alive');
  });

  test('cancellation of a cooperative job: rejected at once, the worker stops and is kept', async (t) => {
    const p = pool({ size: 1 });
    t.after(() => p.dispose());
    const first = await p.run({ type: 'echo', value: 0 });
    const ac = new AbortController();
    const running = p.run({ type: 'sleep', ms: 10_000 }, { signal: ac.signal });
    await sleep(50);
    const t0 = Date.now();
    ac.abort();
    await rejectsWith(running, 'E_CANCELLED', 1);
    assert.ok(Date.now() - t0 < 100);
    const next = await p.run({ type: 'echo', value: 1 });
    assert.equal(next.threadId, first.threadId, 'same worker');
    assert.equal(p.stats.replaced, 0);
  });

  test('cancellation of a job that ignores it: the worker is terminated after the grace period and replaced', async (t) => {
    const p = pool({ size: 1, cancelGraceMs: 150 });
    t.after(() => p.dispose());
    const first = await p.run({ type: 'echo', value: 0 });
    const ac = new AbortController();
    const running = p.run({ type: 'hang' }, { signal: ac.signal });
    await sleep(50);
    ac.abort();
    await rejectsWith(running, 'E_CANCELLED', 1);
    assert.deepEqual([p.stats.workers, p.stats.busy], [1, 1], 'the worker is still reserved during the grace period');
    const queuedAt = Date.now();
    const next = await p.run({ type: 'echo', value: 1 });
    assert.ok(Date.now() - queuedAt >= 100, 'the next job waited for the grace period');
    assert.notEqual(next.threadId, first.threadId, 'a fresh worker');
    assert.equal(p.stats.replaced, 1);
  });

  test('cancelling a queued job removes it; an already-aborted signal never starts the job', async (t) => {
    const p = pool({ size: 1 });
    t.after(() => p.dispose());
    const busy = p.run({ type: 'sleep', ms: 150 });
    const ac = new AbortController();
    const queued = p.run({ type: 'echo', value: 'never' }, { signal: ac.signal });
    assert.equal(p.stats.queued, 1);
    ac.abort();
    await rejectsWith(queued, 'E_CANCELLED', 0);
    assert.equal(p.stats.queued, 0);
    await busy;
    await rejectsWith(p.run({ type: 'echo', value: 1 }, { signal: AbortSignal.abort() }), 'E_CANCELLED', 0);
  });

  test('dispose rejects running and queued jobs, terminates every worker, and refuses new ones', async () => {
    const p = pool({ size: 1 });
    const running = rejectsWith(p.run({ type: 'sleep', ms: 10_000 }), 'E_DISPOSED', 1);
    const queued = rejectsWith(p.run({ type: 'echo', value: 1 }), 'E_DISPOSED', 0);
    await sleep(30);
    await p.dispose();
    await Promise.all([running, queued]);
    assert.equal(p.stats.workers, 0);
    await rejectsWith(p.run({ type: 'echo', value: 2 }), 'E_DISPOSED', 0);
  });
});

describe('product worker through the pool', () => {
  test('parses a dependency file; exposes no test commands; rejects malformed requests', async (t) => {
    const p = new WorkerPool({ script: productScript, size: 1 });
    t.after(() => p.dispose());
    const model = await p.run({ type: 'parseDependencyFile', kind: 'package-json', text: '{"name":"x","dependencies":{"a":"1.0.0"}}' });
    assert.deepEqual(model.entries.map((e) => e.name), ['a']);
    for (const type of ['sleep', 'hang', 'crash', 'debugSleep', 'debugCrash']) {
      const e = await rejectsWith(p.run({ type } as never), 'E_PROTOCOL', 1);
      assert.match(e.message, /unknown request type/);
    }
    await rejectsWith(p.run({ type: 'parseDependencyFile', kind: 'not-a-kind', text: '' } as never), 'E_PROTOCOL', 1);
    assert.equal(p.stats.replaced, 0);
    const source = readFileSync(path.join(__dirname, '../../../src/worker/worker.ts'), 'utf8');
    assert.deepEqual([...source.matchAll(/register\(\s*'([^']+)'/g)].map((m) => m[1]), ['parseDependencyFile', 'scanRegistry', 'scanLocal', 'lookupKnownMalware', 'readPackageFile', 'clearCaches']);
  });
});

test('a worker script that cannot start: E_WORKER_CRASHED, never a hang', async () => {
  const missing = new WorkerPool<TestRequests>({ script: path.join(os.tmpdir(), 'takedown-no-such-worker.js'), size: 1 });
  const e = await rejectsWith(missing.run({ type: 'echo', value: 1 }), 'E_WORKER_CRASHED', 2);
  assert.match(e.message, /Cannot find module/);
  await missing.dispose();
  const bad = new WorkerPool<TestRequests>({ script: 'relative-without-dot.js', size: 1 });
  await rejectsWith(bad.run({ type: 'echo', value: 1 }), 'E_WORKER_CRASHED', 0);
  await bad.dispose();
});
