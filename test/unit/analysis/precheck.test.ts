import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyzePackage } from '../../../src/engine/analysis/analyze';
import { Precheck, anyWord } from '../../../src/engine/analysis/precheck';
import type { PackageFile, PackageInput, Rule, RuleMeta } from '../../../src/engine/analysis/types';

function file(path: string, text: string): PackageFile {
  return { path, size: text.length, text, head: new Uint8Array(Buffer.from(text.slice(0, 64))), binary: false, truncated: false };
}

function pkg(text: string): PackageInput {
  const manifest = { name: 'fixture', version: '1.0.0', main: 'index.js' };
  return { name: 'fixture', version: '1.0.0', manifest, files: [file('package.json', JSON.stringify(manifest)), file('index.js', text)] };
}

/** A rule that needs child_process and reports every exec it can name; counts its set-ups. */
function execProbe(): { rule: Rule; creates: () => number } {
  let creates = 0;
  const rule: Rule = {
    type: 'js',
    meta: { id: 'exec-probe', kind: 'capability', category: 'exec', severity: 'low', specificity: 'low', description: 'test probe', needs: anyWord(['child_process']) },
    create(context) {
      creates++;
      return {
        CallExpression: (node) => {
          if (context.calleeName(node) === 'child_process.exec') context.report({ node, message: 'exec' });
        },
      };
    },
  };
  return { rule, creates: () => creates };
}

test('a rule whose needs the text lacks is not set up', () => {
  const { rule, creates } = execProbe();
  const { findings } = analyzePackage(pkg(`const fs = require('fs');\nmodule.exports = fs.readFileSync(__filename, 'utf8');\n`), [rule]);
  assert.equal(creates(), 0);
  assert.deepEqual(findings, []);
});

test('a rule with needs still runs, and fires, when the name is assembled from pieces', () => {
  const cases = [
    `const cp = require('chi' + 'ld_process');\ncp.exec('id');\n`,
    `const m = 'ld_process';\nrequire(\`chi\${m}\`).exec('id');\n`,
    `require('\\x63hild_process').exec('id');\n`,
    `require(Buffer.from('Y2hpbGRfcHJvY2Vzcw==', 'base64').toString()).exec('id');\n`,
    `require(String.fromCharCode(99, 104, 105, 108, 100, 95, 112, 114, 111, 99, 101, 115, 115)).exec('id');\n`,
    `require(['child', 'process'].join('_')).exec('id');\n`,
    `require('CHILD_PROCESS'.toLowerCase()).exec('id');\n`,
  ];
  for (const text of cases) {
    const { rule, creates } = execProbe();
    const { findings } = analyzePackage(pkg(text), [rule]);
    assert.equal(creates(), 1, text);
    assert.deepEqual(findings.map((f) => [f.rule, f.line]), [['exec-probe', text.split('\n').findIndex((l) => l.includes('exec(')) + 1]], text);
  }
});

test('the plain spelling passes the precheck; each needs is tested once per file', () => {
  const needs = anyWord(['child_process', 'node-pty']);
  const meta = (id: string): RuleMeta => ({ id, kind: 'capability', category: 'exec', severity: 'low', specificity: 'low', description: '', needs });
  const check = new Precheck(`require("node-pty").spawn('sh')`);
  assert.equal(check.canFire(meta('a')), true);
  assert.equal(check.canFire(meta('b')), true);
  assert.equal(new Precheck(`module.exports = 1`).canFire(meta('a')), false);
  // No needs: always given the file.
  assert.equal(new Precheck('').canFire({ ...meta('c'), needs: undefined }), true);
  assert.equal(anyWord(['socket.io-client']).test('socketXio-client'), false);
});
