import assert from 'node:assert/strict';
import { test } from 'node:test';
import { editFileLink, newFileLink, npmMalwareFormUrl } from '../../../src/engine/report/fallback';

test('fallback: GitHub new-file link in the record directory, with the JSON while it fits', () => {
  const json = '{\n  "modified": "2026-11-20T10:00:00Z"\n}\n';
  const link = newFileLink('osv/malicious/npm/@acme-tools/color-utils/MAL-0000-acme-tools-color-utils-2-4-1.json', json);
  assert.equal(link.url, 'https://github.com/ossf/malicious-packages/new/main/osv/malicious/npm/%40acme-tools/color-utils?filename=MAL-0000-acme-tools-color-utils-2-4-1.json&value=%7B%0A%20%20%22modified%22%3A%20%222026-11-20T10%3A00%3A00Z%22%0A%7D%0A');
  assert.equal(link.includesContent, true);
  assert.equal(new URL(link.url).searchParams.get('value'), json);

  const long = newFileLink('osv/malicious/npm/x/MAL-0000-x-1-0-0.json', 'x'.repeat(9000), { repo: 'my-org/mal-mirror' });
  assert.deepEqual(long, { url: 'https://github.com/my-org/mal-mirror/new/main/osv/malicious/npm/x?filename=MAL-0000-x-1-0-0.json', includesContent: false, note: 'The report is too long to pass in the link: it was copied to the clipboard. Paste it into the new file, then commit it to propose the change.' });
  assert.equal(newFileLink('osv/malicious/npm/x/MAL-0000-x.json', 'abc', { maxLength: 50 }).includesContent, false);
});

test('fallback: edit link for an existing record and npm\'s prefilled malware form', () => {
  assert.equal(editFileLink('osv/malicious/npm/@ctrl/tinycolor/MAL-2025-47141.json'), 'https://github.com/ossf/malicious-packages/edit/main/osv/malicious/npm/%40ctrl/tinycolor/MAL-2025-47141.json');
  assert.equal(npmMalwareFormUrl('@acme-tools/color-utils', '2.4.1'), 'https://www.npmjs.com/support?inquire=security&security-inquire=malware&package=%40acme-tools%2Fcolor-utils&version=2.4.1');
  assert.equal(npmMalwareFormUrl('left-padding'), 'https://www.npmjs.com/support?inquire=security&security-inquire=malware&package=left-padding');
});

test("fallback: an apostrophe is percent-encoded as the browser would, so the link is the URL requested", () => {
  const json = '{ "details": "reads the machine\'s host name" }';
  const link = newFileLink('osv/malicious/npm/x/MAL-0000-x-1-0-0.json', json);
  assert.equal(link.url, 'https://github.com/ossf/malicious-packages/new/main/osv/malicious/npm/x?filename=MAL-0000-x-1-0-0.json&value=%7B%20%22details%22%3A%20%22reads%20the%20machine%27s%20host%20name%22%20%7D');
  // WHATWG URL parsing (what the browser does) leaves it as it is, and the value decodes back exactly
  assert.equal(new URL(link.url).href, link.url);
  assert.equal(new URL(link.url).searchParams.get('value'), json);
});
