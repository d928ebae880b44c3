import assert from 'node:assert/strict';
import { statSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { DEFAULT_POPULAR } from '../../../src/engine/analysis/helpers/metadata';
import { editDistance, PopularIndex, popularIndex } from '../../../src/engine/analysis/helpers/metadata-names';
import popularData from '../../../src/engine/data/popular-npm.json';
import allowList from '../../../src/engine/data/typosquat-allow.json';
import { repositoryParts } from '../../../src/engine/rules/starjacking';

test('edit distance counts an adjacent swap as one edit', () => {
  assert.equal(editDistance('lodash', 'lodahs'), 1);
  assert.equal(editDistance('lodash', 'lodas'), 1);
  assert.equal(editDistance('lodash', 'llodash'), 1);
  assert.equal(editDistance('lodash', 'l0dash'), 1);
  assert.equal(editDistance('lodash', 'lodash'), 0);
  assert.equal(editDistance('lodash', 'oldahs'), 2);
  assert.equal(editDistance('abc', 'bcd'), 2, 'a shared deletion is not enough');
  assert.equal(editDistance('express', 'react'), 2, 'stops early past the maximum');
});

test('one edit, separators, moved and dropped scopes of popular names are found', () => {
  const index = new PopularIndex({ names: ['lodash', '@types/node', 'cross-env', '@aws-sdk/client-s3', 'react', 'lodash-es'], established: ['lodash-ex'] });
  assert.deepEqual(index.match('lodahs'), { target: 'lodash', kind: 'edit' });
  assert.deepEqual(index.match('Lodash_es'), { target: 'lodash-es', kind: 'separator' });
  assert.deepEqual(index.match('crossenv'), { target: 'cross-env', kind: 'separator' });
  assert.deepEqual(index.match('types-node'), { target: '@types/node', kind: 'scope' });
  assert.deepEqual(index.match('@typesnode/core'), undefined, 'a different name under a look-alike scope is not the same name');
  assert.deepEqual(index.match('@typse/node'), { target: '@types/node', kind: 'edit' });
  assert.deepEqual(index.match('client-s3'), { target: '@aws-sdk/client-s3', kind: 'dropped-scope' });
  assert.deepEqual(index.match('reacts'), { target: 'react', kind: 'edit' });
  // never flagged: popular or established names, short names, same-scope siblings, unrelated names
  for (const name of ['lodash', 'LODASH', 'lodash-ex', 'ract', 'rect', '@types/nodes', '@aws-sdk/client-s4', 'tidy-number-helper']) {
    assert.equal(index.match(name), undefined, name);
  }
  // the most popular target wins when several are close
  assert.equal(new PopularIndex({ names: ['chalk', 'chalky'] }).match('chalks')?.target, 'chalk');
});

test('the committed popular list is data from download figures, small and fast to search', () => {
  assert.equal(popularData.names.length, 5000);
  assert.equal(popularData.topN, 5000);
  assert.match(popularData.source, /downloads_a_month/);
  assert.match(popularData.sourceFileDate, /^\d{4}-\d{2}-\d{2}$/);
  assert.equal(new Set(popularData.names).size, 5000);
  for (const name of ['semver', 'lodash', 'react', 'express', '@types/node', 'typescript']) assert.ok(popularData.names.includes(name), name);
  assert.ok(statSync(path.join(__dirname, '../../../src/engine/data/popular-npm.json')).size < 150_000);
  for (const pair of allowList.pairs) assert.ok(pair.reason.length > 20 && popularData.names.includes(pair.target), `${pair.name}: a reason and a popular target`);

  const index = popularIndex(DEFAULT_POPULAR);
  // Every popular and established name stays quiet against its own list.
  for (const name of [...popularData.names, ...popularData.established]) assert.equal(index.match(name), undefined, name);
  const probes = Array.from({ length: 20_000 }, (_, i) => `${popularData.names[i % 5000]}${i % 3 ? 'x' : ''}-probe${i}`);
  const t0 = performance.now();
  for (const p of probes) index.match(p);
  const perLookupUs = ((performance.now() - t0) * 1000) / probes.length;
  assert.ok(perLookupUs < 500, `${perLookupUs.toFixed(1)} µs per lookup`);
  assert.deepEqual(index.match('expres'), { target: 'express', kind: 'edit' });
});

test('repository URLs in their usual shapes give owner and repository', () => {
  const want = { owner: 'lodash', repo: 'lodash' };
  for (const url of ['git+https://github.com/lodash/lodash.git', 'https://github.com/lodash/lodash', 'git@github.com:lodash/lodash.git', 'github:lodash/lodash', 'lodash/lodash', 'git://github.com/Lodash/lodash.git#main']) {
    assert.deepEqual(repositoryParts(url), want, url);
  }
  assert.deepEqual(repositoryParts('git+https://gitlab.com/acme/tools.git'), { owner: 'acme', repo: 'tools' });
  assert.equal(repositoryParts('https://example.com/some/where/else.git'), undefined);
  assert.equal(repositoryParts('not a url'), undefined);
});
