import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildInvestigateModel } from '../../../src/editor/model/investigate/buildModel';
import { PROTOCOL_VERSION } from '../../../src/editor/model/investigate/protocol';
import { unknownResult } from '../../../src/engine/scan/result';
import { parseHostMessage, restoreState } from '../../../src/webview/investigate/validate';
import { finding, result } from '../editor/fixtures';
import { maliciousModel } from '../../support/investigateModel';

test('a well-formed show message is accepted as it came', () => {
  const message = { type: 'show', protocol: 1, model: maliciousModel() };
  assert.equal(parseHostMessage(message), message);
});

test('messages of another shape, type or protocol are dropped', () => {
  const model = maliciousModel();
  const drop = (value: unknown, why: string) => assert.equal(parseHostMessage(value), undefined, why);
  drop(null, 'null');
  drop('show', 'a string');
  drop({ type: 'show', protocol: 2, model }, 'another protocol');
  drop({ type: 'show', protocol: 1, model: { ...model, key: 7 } }, 'a key that is not text');
  drop({ type: 'show', protocol: 1, model: { ...model, banner: { ...model.banner, verdict: 'evil' } } }, 'an unknown verdict');
  drop({ type: 'show', protocol: 1, model: { ...model, evidence: [{ severity: 'high', items: [{ ...model.evidence[0]!.items[0]!, line: Number.NaN }] }] } }, 'a NaN line');
  drop({ type: 'show', protocol: 1, model: { ...model, actions: { ...model.actions, rescan: 'yes' } } }, 'an action flag that is not boolean');
  drop({ type: 'show', protocol: 1, model: { ...model, links: {} } }, 'links that are not a list');
  drop({ type: 'constructor' }, 'an inherited property name as type');
  drop({ type: '__proto__' }, '__proto__ as type');
  drop({ type: 'patch', key: 'k', path: 'p', lines: [{ kind: 'script', text: 'x' }], truncated: false }, 'an unknown patch line kind');
  drop({ type: 'excerpts', key: 'k', excerpts: [{ id: 'e0', excerpt: { lines: [{ number: 1, tokens: 'x', hit: true, cutBefore: false, cutAfter: false }] } }] }, 'tokens that are not a list');
  drop({ type: 'empty' }, 'empty without a message');
});

test('the other host messages are accepted when well formed', () => {
  assert.equal(parseHostMessage({ type: 'empty', message: 'Nothing flagged.' })?.type, 'empty');
  assert.equal(parseHostMessage({ type: 'patch', key: 'a@1.0.0', path: 'index.js', lines: [{ kind: 'add', text: 'x' }], truncated: true })?.type, 'patch');
  assert.equal(parseHostMessage({ type: 'excerpts', key: 'a@1.0.0', excerpts: [{ id: 'e0', excerpt: { lines: [], note: 'binary' } }] })?.type, 'excerpts');
});

test('a stored state is restored only where it is well formed', () => {
  const model = maliciousModel();
  assert.deepEqual(restoreState({ model, collapsed: ['files'], scrollY: 120 }), { model, collapsed: ['files'], scrollY: 120 });
  assert.deepEqual(restoreState({ model: { key: 'x' }, collapsed: 'files', scrollY: -4 }), { model: undefined, collapsed: [], scrollY: 0 });
  assert.deepEqual(restoreState(undefined), { collapsed: [], scrollY: 0 });
});

test('models from the host-side builder pass the page checks, after the JSON trip postMessage makes', () => {
  const states = [
    { name: 'evil-pkg', version: '1.0.1', result: result({ findings: [finding({ excerpt: "https.request('https://collect.example.invalid')" }), finding({ rule: 'install-script', category: 'install', severity: 'medium', file: 'package.json', line: 7 })] }) },
    { name: 'far-pkg', version: '2.0.0', result: unknownResult('far-pkg@2.0.0', 'far-pkg', '2.0.0', 'E_FETCH', 'registry unreachable') },
  ];
  for (const state of states) {
    const model = JSON.parse(JSON.stringify(buildInvestigateModel(state)));
    assert.ok(parseHostMessage({ type: 'show', protocol: PROTOCOL_VERSION, model }), `${state.name}: accepted`);
  }
});
