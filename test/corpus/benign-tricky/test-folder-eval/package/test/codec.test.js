'use strict';
const test = require('node:test');
const assert = require('node:assert');
const http = require('node:http');
const codec = require('..');

test('round-trips every BMP code point in a sample', () => {
  for (let cp = 0x20; cp < 0xd800; cp += 97) {
    const s = String.fromCharCode(cp);
    assert.strictEqual(codec.decode(codec.encode(s)), s);
  }
});

test('matches the engine for escaped literals', () => {
  const cases = ['"\\u00e9"', '"\\x41\\x42"', '"\\ud83d\\ude00"'];
  for (const lit of cases) {
    // eval is the simplest way to get the engine's own reading of a string literal
    const expected = eval(lit);
    assert.strictEqual(codec.decode(codec.encode(expected)), expected);
  }
  assert.strictEqual(new Function('return "\\u0041"')(), 'A');
});

test('decodes a body served over HTTP (local mock server)', async () => {
  const server = http.createServer((req, res) => res.end(Buffer.from([0xe2, 0x82, 0xac])));
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address();
  const body = await new Promise((resolve, reject) => {
    http.get({ host: '127.0.0.1', port, path: '/' }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve(Buffer.concat(chunks)));
    }).on('error', reject);
  });
  server.close();
  assert.strictEqual(codec.decode(body), '€');
});
