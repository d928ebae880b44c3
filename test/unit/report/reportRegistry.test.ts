// `takedown report name@version` against a real local registry (Verdaccio, no uplinks): several
// versions of a scoped package, tarball hashes from what the registry serves.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { before, test } from 'node:test';
import { runReport } from '../../../src/cli/reportCommand';
import { validateRecord } from '../../../src/engine/report/validate';
import { startFakeGitHub } from '../../support/fakeGitHub';
import { sendJson, startFakeServer } from '../../support/fakeServer';
import { startVerdaccio, type Published, type Verdaccio } from '../../support/verdaccio';
import { schemaErrors } from './osvSchema';

const fixture = path.resolve(__dirname, '../../fixtures/rules/env-exfil/malicious/env-post');
const starting = startVerdaccio();
let reg: Verdaccio;
const published: Published[] = [];

before(async () => {
  reg = await starting;
  for (const version of ['1.0.0', '1.0.1']) {
    published.push(await reg.publish({ packageJson: { name: '@inert-demo/env-helper', version, scripts: { postinstall: 'node setup.js' } }, files: { 'setup.js': readFileSync(path.join(fixture, 'setup.js'), 'utf8') } }));
  }
});

test('cli report: a scoped registry package, two versions, hashes from the registry', async () => {
  const osv = await startFakeServer((_req, res) => sendJson(res, 200, {}));
  const github = await startFakeGitHub();
  let out = '';
  let err = '';
  const code = await runReport(
    { target: '@inert-demo/env-helper@1.0.1', versions: ['1.0.0'], allVersions: false, credit: 'octo-researcher', offline: false, registry: reg.url, osvApi: osv.url.replace(/\/$/, ''), githubApi: github.url },
    { write: (c: string) => (out += c) },
    { write: (c: string) => (err += c) },
  );
  assert.equal(code, 0, err);
  const record = JSON.parse(out) as { affected: { package: unknown; versions: string[]; database_specific: { indicators: unknown } }[]; references: unknown };
  assert.deepEqual(record.affected[0]!.package, { ecosystem: 'npm', name: '@inert-demo/env-helper' });
  assert.deepEqual(record.affected[0]!.versions, ['1.0.0', '1.0.1']);
  assert.deepEqual(record.affected[0]!.database_specific.indicators, {
    package_integrity: published.map((p) => ({ filename: `env-helper-${p.version}.tgz`, hashes: { sha1: p.shasum, sha512_sri: p.integrity } })),
  });
  assert.deepEqual(record.references, [
    { type: 'PACKAGE', url: 'https://www.npmjs.com/package/%40inert-demo/env-helper/v/1.0.0' },
    { type: 'PACKAGE', url: 'https://www.npmjs.com/package/%40inert-demo/env-helper/v/1.0.1' },
  ]);
  const filePath = 'osv/malicious/npm/@inert-demo/env-helper/MAL-0000-inert-demo-env-helper-1-0-0.json';
  assert.match(err, new RegExp(`takedown: repository path: ${filePath.replace(/[.]/g, '\\.')}\\n`));
  assert.deepEqual(validateRecord(record, { filePath }).errors, []);
  assert.deepEqual(schemaErrors(record), []);
  assert.deepEqual(github.sequence(), ['GET /repos/ossf/malicious-packages/contents/osv/malicious/npm/@inert-demo/env-helper']);
});
