import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { EvidenceGroup, EvidenceItem } from '../../../src/editor/model/investigate/protocol';
import { planExcerpts } from '../../../src/editor/model/excerptPlan';

function item(id: string, file?: string, line?: number, column?: number): EvidenceItem {
  return {
    id,
    rule: 'env-exfil',
    severity: 'critical',
    category: 'exfil',
    message: 'm',
    canOpen: true,
    indicators: [],
    ...(file !== undefined ? { file } : {}),
    ...(line !== undefined ? { line } : {}),
    ...(column !== undefined ? { column } : {}),
  };
}

test('excerpts are planned for items with a file and a line, in model order, files listed once', () => {
  const evidence: EvidenceGroup[] = [
    { severity: 'critical', items: [item('e0', 'index.js', 12, 4), item('e1', undefined, undefined), item('e2', 'package.json', 7)] },
    { severity: 'medium', items: [item('e3', 'index.js', 40), item('e4', 'lib/a.js', 0)] },
  ];
  assert.deepEqual(planExcerpts({ evidence }), {
    files: ['index.js', 'package.json'],
    items: [
      { id: 'e0', file: 'index.js', line: 12, column: 4 },
      { id: 'e2', file: 'package.json', line: 7 },
      { id: 'e3', file: 'index.js', line: 40 },
    ],
  });
});

test('at most 30 items and 10 distinct files are read; items in files already read still count', () => {
  const many = Array.from({ length: 50 }, (_, i) => item(`e${i}`, `f${i % 12}.js`, i + 1));
  const plan = planExcerpts({ evidence: [{ severity: 'high', items: many }] });
  assert.equal(plan.items.length, 30);
  assert.deepEqual(plan.files, Array.from({ length: 10 }, (_, i) => `f${i}.js`));
  assert.ok(plan.items.every((x) => plan.files.includes(x.file)));
  // e10 and e11 (files 11 and 12) are skipped, e12 (f0.js again) is taken
  assert.deepEqual(plan.items.slice(9, 12).map((x) => x.id), ['e9', 'e12', 'e13']);
  assert.deepEqual(planExcerpts({ evidence: [{ severity: 'high', items: many }] }, 3, 2).items.map((x) => x.id), ['e0', 'e1', 'e12']);
});
