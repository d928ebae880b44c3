import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildInvestigateModel, packagePathFor } from '../../../src/editor/model/investigate/buildModel';
import type { InvestigateModel } from '../../../src/editor/model/investigate/protocol';
import { intentFor, linkUrl, type IntentContext } from '../../../src/editor/model/investigateActions';
import type { PackageState } from '../../../src/editor/model/verdictView';
import { result } from './fixtures';

const state: PackageState = {
  name: 'evil-pkg',
  version: '1.0.1',
  result: result({
    files: [{ path: 'lib/index.js', size: 120, binary: false, truncated: false, parsed: true, traits: {} as never }],
    diff: {
      name: 'evil-pkg',
      from: '1.0.0',
      to: '1.0.1',
      basis: 'semver-previous',
      added: [],
      removed: [],
      changed: [
        { path: 'lib/index.js', sizeBefore: 80, sizeAfter: 120, binary: false, newRules: ['env-exfil'], patch: '@@ -1 +1,2 @@\n-a\n+b\n+c\n' },
        { path: 'dist/min.js', sizeBefore: 9000, sizeAfter: 9100, binary: false, newRules: [], patchSkipped: 'minified' },
      ],
      unchangedCount: 3,
    },
  }),
};

function context(model: InvestigateModel | undefined = buildInvestigateModel(state), extra: Partial<IntentContext> = {}): IntentContext {
  return { model, pkg: { name: 'evil-pkg', version: '1.0.1' }, result: state.result, resolvePath: (shown) => packagePathFor(state, shown), ...extra };
}

test('links open only by an id the host put in the model, and only when https', () => {
  const model = buildInvestigateModel(state);
  assert.ok(model.npmLink);
  assert.deepEqual(intentFor({ type: 'openLink', key: model.key, id: model.npmLink }, context(model)), { kind: 'openExternal', url: 'https://www.npmjs.com/package/evil-pkg/v/1.0.1' });
  assert.deepEqual(intentFor({ type: 'openLink', key: model.key, id: 'made-up' }, context(model)), { kind: 'ignore', why: 'unknown link' });
  // a model altered to hold another scheme is still refused at the host
  const tampered = { ...model, links: [{ id: 'x', url: 'javascript:alert(1)' }, { id: 'y', url: 'http://www.npmjs.com/' }] };
  assert.equal(linkUrl(tampered, 'x'), undefined);
  assert.equal(linkUrl(tampered, 'y'), undefined);
});

test('a message about another package than the one shown is ignored', () => {
  const model = buildInvestigateModel(state);
  assert.deepEqual(intentFor({ type: 'action', key: 'other@1.0.0', action: 'report' }, context(model)), { kind: 'ignore', why: 'not the package shown' });
  assert.deepEqual(intentFor({ type: 'action', key: model.key, action: 'report' }, { ...context(), model: undefined }), { kind: 'ignore', why: 'not the package shown' });
  assert.deepEqual(intentFor({ type: 'ready' }, { ...context(), model: undefined }), { kind: 'ready' });
});

test('openFile opens only a file the scan listed, at the line asked, through the read-only document command', () => {
  const key = buildInvestigateModel(state).key;
  assert.deepEqual(intentFor({ type: 'openFile', key, path: 'lib/index.js', line: 12 }, context()), { kind: 'command', command: 'takedown.openPackageFile', args: { name: 'evil-pkg', version: '1.0.1', path: 'lib/index.js', line: 12 } });
  // package.json is a finding's file even though it is not in `files`
  assert.deepEqual(intentFor({ type: 'openFile', key, path: 'package.json' }, context()), { kind: 'command', command: 'takedown.openPackageFile', args: { name: 'evil-pkg', version: '1.0.1', path: 'package.json', line: 1 } });
  assert.deepEqual(intentFor({ type: 'openFile', key, path: '../../etc/passwd', line: 1 }, context()), { kind: 'ignore', why: 'not a file of this package' });
});

test('requestPatch answers with the stored patch, or the reason there is none', () => {
  const key = buildInvestigateModel(state).key;
  assert.deepEqual(intentFor({ type: 'requestPatch', key, path: 'lib/index.js' }, context()), { kind: 'patch', path: 'lib/index.js', patch: '@@ -1 +1,2 @@\n-a\n+b\n+c\n' });
  assert.deepEqual(intentFor({ type: 'requestPatch', key, path: 'dist/min.js' }, context()), { kind: 'patch', path: 'dist/min.js', note: 'minified' });
  assert.deepEqual(intentFor({ type: 'requestPatch', key, path: 'package.json' }, context()), { kind: 'ignore', why: 'not a changed file' });
});

test('actions map to the existing commands with the package as the store names it', () => {
  const model = buildInvestigateModel(state);
  const key = model.key;
  assert.deepEqual(intentFor({ type: 'action', key, action: 'report' }, context(model)), { kind: 'command', command: 'takedown.reportToOsv', args: { name: 'evil-pkg', version: '1.0.1' } });
  assert.deepEqual(intentFor({ type: 'action', key, action: 'allow' }, context(model, { allowUri: 'file:///ws/package.json' })), {
    kind: 'command',
    command: 'takedown.allowVersion',
    args: { name: 'evil-pkg', version: '1.0.1', uri: 'file:///ws/package.json' },
  });
  assert.deepEqual(intentFor({ type: 'action', key, action: 'openNpm' }, context(model)), { kind: 'openExternal', url: 'https://www.npmjs.com/package/evil-pkg/v/1.0.1' });
  assert.deepEqual(intentFor({ type: 'action', key, action: 'rescan' }, context(model)), { kind: 'rescan' });
});

test('an action the model does not offer is refused', () => {
  const clean: PackageState = { name: 'left-pad', version: '1.3.0', result: result({ name: 'left-pad', version: '1.3.0', verdict: 'clean', score: 0, reason: 'nothing found', findings: [] }) };
  const model = buildInvestigateModel(clean);
  assert.equal(model.actions.report, false);
  assert.deepEqual(intentFor({ type: 'action', key: model.key, action: 'report' }, { ...context(model), pkg: { name: 'left-pad', version: '1.3.0' }, result: clean.result }), { kind: 'ignore', why: 'report is not offered for this package' });
});
