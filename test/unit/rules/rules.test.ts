import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { analyzePackage } from '../../../src/engine/analysis/analyze';
import { RULES } from '../../../src/engine/rules/index';
import { readFixturePackage } from '../../support/fixturePackage';

const root = path.join(__dirname, '../../..');
const fixtures = path.join(root, 'test/fixtures/rules');
const list = (dir: string) => (existsSync(dir) ? readdirSync(dir).filter((d) => !d.startsWith('.')).sort() : []);

/** `{file, line}` for a finding in a file; `{package: true}` for a package-wide finding (no file). */
interface Expected {
  findings: ({ file: string; line: number } | { package: true })[];
}

test('every rule is registered, documented and has malicious and benign fixtures', () => {
  const files = readdirSync(path.join(root, 'src/engine/rules')).filter((f) => f.endsWith('.ts') && f !== 'index.ts').map((f) => f.slice(0, -3)).sort();
  const ids = RULES.map((r) => r.meta.id);
  assert.deepEqual([...ids].sort(), files, 'src/engine/rules/<id>.ts and the RULES list agree');
  assert.equal(new Set(ids).size, ids.length, 'rule ids are unique');
  for (const rule of RULES) {
    const id = rule.meta.id;
    const docs = path.join(root, 'docs/rules', `${id}.md`);
    assert.ok(existsSync(docs), `docs/rules/${id}.md exists`);
    const text = readFileSync(docs, 'utf8');
    for (const heading of ['## What it catches', '## Why it matters', '## Known false positives', '## Example']) {
      assert.ok(text.includes(heading), `docs/rules/${id}.md has "${heading}"`);
    }
    assert.ok(list(path.join(fixtures, id, 'malicious')).length > 0, `${id} has malicious fixtures`);
    assert.ok(list(path.join(fixtures, id, 'benign')).length > 0, `${id} has benign fixtures`);
  }
  assert.deepEqual(list(fixtures).filter((d) => !ids.includes(d)), [], 'no fixtures for rules that do not exist');
});

for (const rule of RULES) {
  const id = rule.meta.id;
  for (const name of list(path.join(fixtures, id, 'malicious'))) {
    test(`${id}: malicious/${name} is reported at the expected lines`, async () => {
      const dir = path.join(fixtures, id, 'malicious', name);
      const expected = JSON.parse(readFileSync(path.join(dir, 'expected.json'), 'utf8')) as Expected;
      assert.ok(expected.findings.length > 0, 'expected.json names at least one finding');
      const found = analyzePackage(await readFixturePackage(dir), [rule]).findings.filter((f) => f.rule === id && f.severity !== 'info');
      const at = found.map((f) => (f.file === undefined ? 'package' : `${f.file}:${f.line}`));
      for (const e of expected.findings) {
        const want = 'package' in e ? 'package' : `${e.file}:${e.line}`;
        assert.ok(at.includes(want), `${id} at ${want}; found ${JSON.stringify(at)}`);
      }
    });
  }
  for (const name of list(path.join(fixtures, id, 'benign'))) {
    test(`${id}: benign/${name} stays quiet`, async () => {
      const found = analyzePackage(await readFixturePackage(path.join(fixtures, id, 'benign', name)), [rule]).findings.filter((f) => f.rule === id);
      assert.deepEqual(found.map((f) => `${f.file}:${f.line} ${f.message}`), []);
    });
  }
}
