#!/usr/bin/env node
'use strict';
const { spawnSync, execFileSync } = require('child_process');
const { render } = require('../lib');

const debug = process.env.NODE_ENV === 'development' || !!process.env.DEBUG;
const from = process.argv[2] || execFileSync('git', ['describe', '--tags', '--abbrev=0'], { encoding: 'utf8' }).trim();

const res = spawnSync('git', ['log', '--format=%H%x09%s%x09%an', `${from}..HEAD`], { encoding: 'utf8', cwd: process.cwd() });
if (res.status !== 0) {
  console.error(res.stderr || 'git log failed');
  process.exit(res.status || 1);
}
const commits = res.stdout.trim().split('\n').filter(Boolean).map((l) => {
  const [hash, subject, author] = l.split('\t');
  return { hash, subject, author };
});
if (debug) console.error(`[release-notes] ${commits.length} commits since ${from}`);
process.stdout.write(render(commits));
