#!/usr/bin/env node
// Checks that the malicious replicas stay inert: every URL/host they name is reserved
// (*.invalid, *.test, *.example, example.com/.net/.org, localhost), every IPv4 address is TEST-NET
// (192.0.2.0/24, 198.51.100.0/24, 203.0.113.0/24) or loopback/unspecified, and every executable
// (ELF / PE / Mach-O) is a bare header of at most 512 bytes. Encoded and encrypted payloads cannot be
// read here: they are all built from the inert payloads in gen-concealment-replicas.mjs, which this
// script checks as well.
//
// Usage: node test/corpus-tools/check-inert.mjs [DIR ...]   (exit 1 on any finding)
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, dirname, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const targets = process.argv.slice(2).length
  ? process.argv.slice(2)
  : [join(here, '..', 'corpus', 'malicious'), join(here, 'gen-concealment-replicas.mjs')];

const reservedHost = (h) =>
  /(^|\.)(invalid|test|example|localhost)$/.test(h) || /(^|\.)example\.(com|net|org)$/.test(h) || h === 'localhost';
const testNet = (ip) => /^(192\.0\.2|198\.51\.100|203\.0\.113)\.\d{1,3}$/.test(ip) || /^(127\.\d+\.\d+\.\d+|0\.0\.0\.0)$/.test(ip);

const findings = [];
function walk(p, out = []) {
  const st = statSync(p);
  if (st.isDirectory()) for (const n of readdirSync(p)) walk(join(p, n), out);
  else out.push(p);
  return out;
}

for (const file of targets.flatMap((t) => walk(t))) {
  const buf = readFileSync(file);
  const rel = relative(process.cwd(), file);
  const magic = buf.subarray(0, 4).toString('latin1');
  const isBin = magic === '\x7fELF' || magic.startsWith('MZ') || buf.readUInt32LE(0) === 0xfeedfacf || buf.readUInt32LE(0) === 0xfeedface;
  if (buf.length >= 4 && isBin) {
    if (buf.length > 512) findings.push(`${rel}: executable header file larger than 512 bytes`);
    continue;
  }
  if (buf.includes(0)) continue; // other binary data (encrypted blobs)
  const text = buf.toString('utf8');
  const hosts = new Set();
  for (const m of text.matchAll(/\b(?:https?|wss?|ftp|git\+https|git\+ssh|ssh):\/\/(?:[^@\/\s'"`]+@)?([a-z0-9.-]+\.[a-z0-9-]+)/gi)) hosts.add(m[1].toLowerCase());
  for (const m of text.matchAll(/\b(?:host|hostname)\s*[:=]\s*['"`]([a-z0-9.-]+)['"`]/gi)) hosts.add(m[1].toLowerCase());
  for (const m of text.matchAll(/\bgit@([a-z0-9.-]+\.[a-z]+)/gi)) hosts.add(m[1].toLowerCase());
  for (const h of hosts) {
    if (/^\d+\.\d+\.\d+\.\d+$/.test(h)) continue; // IPs are checked below
    if (reservedHost(h)) continue;
    findings.push(`${rel}: non-reserved host ${h}`);
  }
  for (const m of text.matchAll(/(?<![\d.])(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})(?![\d.])/g)) {
    if (m.slice(1).some((o) => Number(o) > 255)) continue;
    if (!testNet(m[0])) findings.push(`${rel}: IPv4 address outside TEST-NET ${m[0]}`);
  }
}
if (findings.length) {
  console.error(findings.join('\n'));
  console.error(`${findings.length} finding(s)`);
  process.exit(1);
}
console.log('inert check: ok');
