import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parsePageMessage } from '../../../../src/editor/model/investigate/messages';

const key = 'evil-pkg@1.0.1';

test('each well-formed message is accepted as a fresh object with only its own fields', () => {
  const input = { type: 'openFile', key, path: 'lib/index.js', line: 12, extra: '<script>', __proto__: { polluted: true } };
  const parsed = parsePageMessage(input);
  assert.deepEqual(parsed, { type: 'openFile', key, path: 'lib/index.js', line: 12 });
  assert.notEqual(parsed, input);
  assert.equal(Object.getPrototypeOf(parsed), Object.prototype);
  assert.deepEqual(parsePageMessage({ type: 'ready', key: 'ignored' }), { type: 'ready' });
  assert.deepEqual(parsePageMessage({ type: 'openLink', key, id: 'osv-0' }), { type: 'openLink', key, id: 'osv-0' });
  assert.deepEqual(parsePageMessage({ type: 'openFile', key, path: 'package.json' }), { type: 'openFile', key, path: 'package.json' });
  assert.deepEqual(parsePageMessage({ type: 'requestPatch', key, path: 'lib/a b.js' }), { type: 'requestPatch', key, path: 'lib/a b.js' });
  for (const action of ['report', 'allow', 'openNpm', 'rescan', 'copyIndicators']) {
    assert.deepEqual(parsePageMessage({ type: 'action', key, action }), { type: 'action', key, action });
  }
});

test('anything malformed is refused', () => {
  const refused: unknown[] = [
    undefined, null, 'ready', 42, [], [{ type: 'ready' }],
    { type: 'READY' }, { type: 'show' }, { type: 'openLink', key }, { type: 'openLink', id: 'npm-0' },
    { type: 'openLink', key, id: 'https://evil.example.invalid' }, { type: 'openLink', key, id: 'a'.repeat(65) }, { type: 'openLink', key, id: '' }, { type: 'openLink', key, id: 7 },
    { type: 'openLink', key: 'k'.repeat(4011), id: 'npm-0' }, { type: 'openLink', key: '', id: 'npm-0' }, { type: 'openLink', key: 5, id: 'npm-0' },
    { type: 'openFile', key, path: '' }, { type: 'openFile', key, path: 'a\0b' }, { type: 'openFile', key, path: 'p'.repeat(10_001) }, { type: 'openFile', key, path: ['x'] },
    { type: 'openFile', key, path: 'x.js', line: 0 }, { type: 'openFile', key, path: 'x.js', line: 1.5 }, { type: 'openFile', key, path: 'x.js', line: '3' },
    { type: 'openFile', key, path: 'x.js', line: 10_000_001 }, { type: 'openFile', key, path: 'x.js', line: null }, { type: 'openFile', key, path: 'x.js', line: Number.NaN },
    { type: 'requestPatch', key }, { type: 'action', key, action: 'delete' }, { type: 'action', key, action: 'toString' }, { type: 'action', key },
  ];
  for (const value of refused) assert.equal(parsePageMessage(value), undefined, JSON.stringify(value));
});

test('inherited fields do not count, and the longest allowed values pass', () => {
  const inherited = Object.create({ type: 'ready' }) as object;
  assert.equal(parsePageMessage(inherited), undefined);
  assert.deepEqual(parsePageMessage({ type: 'openFile', key: 'k'.repeat(300), path: 'p'.repeat(1000), line: 10_000_000 }), { type: 'openFile', key: 'k'.repeat(300), path: 'p'.repeat(1000), line: 10_000_000 });
  assert.deepEqual(parsePageMessage({ type: 'openLink', key, id: 'A'.repeat(64) }), { type: 'openLink', key, id: 'A'.repeat(64) });
});

test('names and paths full of invisible characters, shown escaped, still come back', async () => {
  const { buildInvestigateModel } = await import('../../../../src/editor/model/investigate/buildModel');
  const name = `x${'\u200b'.repeat(40)}`;
  const path = `${'\u200b'.repeat(150)}.js`;
  const model = buildInvestigateModel({ name, version: '1.0.0', result: { target: name, name, version: '1.0.0', verdict: 'malicious', score: 9, reason: 'r', findings: [{ rule: 'x', kind: 'threat', category: 'exfil', severity: 'high', message: 'm', file: path, line: 1 }], files: [{ path, size: 1, binary: false, truncated: false, traits: { typeDeclaration: false, test: false, minified: false, built: false, entryPoint: false } }], skipped: [], engineVersion: '0' } });
  const shownPath = model.files!.files[0]!.path;
  assert.ok(model.key.length > 300 && shownPath.length > 1000, `${model.key.length} / ${shownPath.length} characters shown`);
  assert.deepEqual(parsePageMessage({ type: 'openFile', key: model.key, path: shownPath, line: 1 }), { type: 'openFile', key: model.key, path: shownPath, line: 1 });
  assert.deepEqual(parsePageMessage({ type: 'action', key: model.key, action: 'report' }), { type: 'action', key: model.key, action: 'report' });
});
