import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import fc from 'fast-check';
import { dependencyFileKind, parseDependencyFile } from '../../../src/engine/deps/index';
import type { DependencyFile, DependencyFileKind } from '../../../src/engine/deps/model';

/**
 * Property: whatever bytes a dependency file holds, parsing returns a well-formed model (never
 * throws) in bounded time. Seeds are the real generated lockfiles; mutations imitate what goes
 * wrong in practice (truncated writes, bad merges, hand edits with wrong types) and what an
 * attacker might try (YAML aliases, deep nesting, NULs, huge lines).
 */
const RUNS_PER_FORMAT = 1000;
const HANG_LIMIT_MS = 2000;
const fixtures = path.join(__dirname, '../../fixtures/deps');

function seedsByKind(): Map<DependencyFileKind, string[]> {
  const map = new Map<DependencyFileKind, string[]>();
  const visit = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const full = path.join(dir, name);
      if (statSync(full).isDirectory()) visit(full);
      else {
        const kind = dependencyFileKind(name);
        const text = kind ? readFileSync(full, 'utf8') : '';
        // Keep seeds small enough that a thousand mutations stay quick.
        if (kind && text.length < 200_000) map.set(kind, [...(map.get(kind) ?? []), text]);
      }
    }
  };
  visit(fixtures);
  return map;
}

const TOKENS = ['{', '}', '[', ']', '"', ':', ',', '\n', '  ', '\t', 'null', '5', '-1e999', 'true', '{}', '[]', '""', '\\', '\\u0000', '\u0000', '\uFEFF', '\u202E',
  '<<<<<<< HEAD\n', '=======\n', '>>>>>>> branch\n', '&a ', '*a', '!!binary ', '? ', '- ', '# ', '"packages": 5,', '"version": {},', 'version: [1, 2]',
  'resolution: ~', '__metadata:\n  version: 8\n', 'lockfileVersion: 9.0\n', '"lockfileVersion": 3,', '"name": null,', 'x'.repeat(5000)];

type Mutation = (text: string) => string;

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.nat().map((n) => (t: string) => t.slice(0, t.length ? n % t.length : 0)),
  fc.tuple(fc.nat(), fc.nat({ max: 400 })).map(([n, len]) => (t: string) => {
    const at = t.length ? n % t.length : 0;
    return t.slice(0, at) + t.slice(at + len);
  }),
  fc.tuple(fc.nat(), fc.constantFrom(...TOKENS)).map(([n, token]) => (t: string) => {
    const at = t.length ? n % t.length : 0;
    return t.slice(0, at) + token + t.slice(at);
  }),
  fc.tuple(fc.nat(), fc.string({ maxLength: 20 })).map(([n, s]) => (t: string) => {
    const at = t.length ? n % t.length : 0;
    return t.slice(0, at) + s + t.slice(at);
  }),
  fc.tuple(fc.nat(), fc.nat()).map(([a, b]) => (t: string) => {
    const lines = t.split('\n');
    if (lines.length < 2) return t;
    const i = a % lines.length;
    const j = b % lines.length;
    [lines[i], lines[j]] = [lines[j]!, lines[i]!];
    return lines.join('\n');
  }),
  fc.nat().map((n) => (t: string) => {
    const lines = t.split('\n');
    const i = lines.length ? n % lines.length : 0;
    lines.splice(i, 0, lines[i] ?? '');
    return lines.join('\n');
  }),
  fc.tuple(fc.nat(), fc.constantFrom('5', 'null', '{}', '[]', 'true', '"x"', '-0')).map(([n, value]) => (t: string) => {
    // Replace one quoted or bare scalar value with a value of the wrong type.
    const matches = [...t.matchAll(/(:\s*)("[^"\n]*"|[\w.^~-]+)/g)];
    if (!matches.length) return t;
    const m = matches[n % matches.length]!;
    const at = m.index! + m[1]!.length;
    return t.slice(0, at) + value + t.slice(at + m[2]!.length);
  }),
);

function assertWellFormed(file: DependencyFile, kind: DependencyFileKind, text: string): void {
  assert.equal(typeof file.fatal, 'boolean');
  assert.ok(Array.isArray(file.entries) && Array.isArray(file.problems) && Array.isArray(file.workspaces));
  if (file.fatal) assert.equal(file.entries.length, 0, `${kind}: a fatal file has no entries`);
  if (file.fatal) assert.ok(file.problems.some((p) => p.severity === 'error'), `${kind}: a fatal file says why`);
  const lines = text.split('\n').length;
  for (const p of file.problems) {
    assert.equal(typeof p.message, 'string');
    assert.ok(p.range.start.line >= 0 && p.range.start.line < lines + 1, `${kind}: problem line in range`);
  }
  for (const e of file.entries) {
    assert.equal(typeof e.name, 'string');
    assert.ok(e.range.start.line >= 0 && e.range.start.line < lines, `${kind}: entry line ${e.range.start.line} within ${lines} lines`);
  }
}

const seeds = seedsByKind();

for (const kind of ['package-json', 'npm-lock', 'npm-shrinkwrap', 'yarn-classic', 'pnpm', 'bun'] as const) {
  test(`fuzz: ${kind} parser survives ${RUNS_PER_FORMAT} mutated inputs`, () => {
    const kindSeeds = seeds.get(kind) ?? [];
    assert.ok(kindSeeds.length > 0, `fixtures for ${kind}`);
    let slowest = 0;
    fc.assert(
      fc.property(fc.constantFrom(...kindSeeds), fc.array(mutation, { minLength: 1, maxLength: 4 }), (seed, mutations) => {
        const text = mutations.reduce((t, m) => m(t), seed);
        const started = performance.now();
        const file = parseDependencyFile(kind, text);
        const elapsed = performance.now() - started;
        slowest = Math.max(slowest, elapsed);
        assert.ok(elapsed < HANG_LIMIT_MS, `${kind}: ${elapsed.toFixed(0)} ms on one input`);
        assertWellFormed(file, kind, text);
      }),
      { numRuns: RUNS_PER_FORMAT, seed: 20261127 },
    );
  });
}

test('fuzz: hostile shapes in every format are refused or read, never thrown', () => {
  const deepJson = '['.repeat(100_000);
  const laughs = ['a: &a ["x","x","x","x","x","x","x","x","x"]', ...Array.from({ length: 9 }, (_, i) => `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)}]`)].join('\n');
  const huge = `{"name":"x","description":"${'a'.repeat(50 * 1024 * 1024)}"}`;
  for (const kind of ['package-json', 'npm-lock', 'yarn-classic', 'yarn-berry', 'pnpm', 'bun'] as const) {
    for (const text of [deepJson, laughs, '\u0000\u0000\u0000', `${'x'.repeat(1_000_000)}\n`, 'lockfileVersion: 9.0\npackages: 5\n', '__metadata:\n  version: 8\n"a@npm:1": 5\n']) {
      const started = performance.now();
      const file = parseDependencyFile(kind, text);
      assert.ok(performance.now() - started < HANG_LIMIT_MS, `${kind} on a hostile shape`);
      assertWellFormed(file, kind, text);
    }
    const started = performance.now();
    const big = parseDependencyFile(kind, huge);
    assert.ok(performance.now() - started < HANG_LIMIT_MS, `${kind} on a 50 MB file`);
    assert.deepEqual([big.fatal, big.problems[0]?.code], [true, 'E_TOO_LARGE']);
  }
});
