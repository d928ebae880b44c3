import assert from 'node:assert/strict';
import { test } from 'node:test';
import { scanContents } from '../../../src/engine/scan/scanContents';
import type { PackageFile, TarballContents } from '../../../src/engine/tarball/types';

const file = (path: string, text: string | undefined, extra: Partial<PackageFile> = {}): PackageFile => ({
  path, size: text?.length ?? 20_000_000, mode: 0o644, head: new Uint8Array(), binary: text === undefined, truncated: false, ...(text !== undefined ? { text } : {}), ...extra,
});
const contents = (files: PackageFile[], extra: Partial<TarballContents> = {}): TarballContents => ({
  files, manifest: { name: 'fixture-pkg', version: '1.0.0', main: 'index.js' }, capsHit: [], suspiciousPaths: [], specialEntries: [], duplicatePaths: [], totalUnpackedBytes: 0, fileCount: files.length, topFolders: ['package'], warnings: [], ...extra,
});

test('a package over a cap with nothing found is unknown, never clean', () => {
  const result = scanContents(contents([file('index.js', 'module.exports = 1;\n')], { capsHit: [{ code: 'E_TOO_LARGE', limit: 'maxFiles', max: 20000, detail: 'file 20001', count: 1 }] }), { target: 't' });
  assert.deepEqual([result.verdict, result.reason], ['unknown', 'Analysed only partly: maxFiles limit reached; nothing malicious was found in what was read.']);
  assert.equal(result.findings[0]!.rule, 'too-large');
});

test('a binary over the text-size cap leaves nothing unread: the verdict is not unknown', () => {
  const big = file('bin/tool', undefined, { truncated: true, binary: true });
  const result = scanContents(contents([file('index.js', 'module.exports = 1;\n'), big], { capsHit: [{ code: 'E_TOO_LARGE', limit: 'maxFileBytes', max: 10485760, detail: 'bin/tool', count: 1 }] }), { target: 't' });
  assert.notEqual(result.verdict, 'unknown');
  const text = file('lib/huge.js', undefined, { truncated: true, binary: false });
  const partial = scanContents(contents([text], { capsHit: [{ code: 'E_TOO_LARGE', limit: 'maxFileBytes', max: 10485760, detail: 'lib/huge.js', count: 1 }] }), { target: 't' });
  assert.equal(partial.verdict, 'unknown');
});

test('a service installer that runs only on demand is not malicious (pm2-style startup, a fixed false positive)', () => {
  const startup = `const fs = require('fs');\nconst os = require('os');\nexports.startup = function (platform) {\n  const plist = os.homedir() + '/Library/LaunchAgents/io.example.agent.plist';\n  fs.writeFileSync(plist, template(platform));\n};\n`;
  const onDemand = scanContents(contents([file('index.js', 'module.exports = require("./lib/startup");\n'), file('lib/startup.js', startup)]), { target: 't' });
  assert.ok(onDemand.verdict !== 'malicious', onDemand.verdict);
  assert.equal(onDemand.findings.find((f) => f.rule === 'persistence-write')?.severity, 'medium');
  // The same write from the entry point runs on import: that is persistence by a dependency.
  const onImport = scanContents(contents([file('index.js', startup.replace('exports.startup = function (platform) {', '(function (platform) {').replace(/};\n$/, '})();\n'))]), { target: 't' });
  assert.equal(onImport.findings.find((f) => f.rule === 'persistence-write')?.severity, 'high');
});
