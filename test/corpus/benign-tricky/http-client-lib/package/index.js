'use strict';
const http = require('http');
const https = require('https');
const { URL } = require('url');

function request(method, url, { headers = {}, body, timeout = 30000 } = {}) {
  const u = new URL(url);
  const lib = u.protocol === 'https:' ? https : http;
  const payload = body === undefined ? undefined : typeof body === 'string' || Buffer.isBuffer(body) ? body : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = lib.request(u, { method, headers: { 'user-agent': 'tiny-http-client/1.8.2', ...headers } }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => {
        const raw = Buffer.concat(chunks);
        const type = res.headers['content-type'] || '';
        resolve({ status: res.statusCode, headers: res.headers, data: type.includes('json') ? JSON.parse(raw.toString() || 'null') : raw.toString() });
      });
    });
    req.setTimeout(timeout, () => req.destroy(new Error('timeout')));
    req.on('error', reject);
    if (payload !== undefined) req.write(payload);
    req.end();
  });
}

const client = {};
for (const m of ['get', 'delete', 'head']) client[m] = (url, opts) => request(m.toUpperCase(), url, opts);
for (const m of ['post', 'put', 'patch']) client[m] = (url, body, opts = {}) => request(m.toUpperCase(), url, { ...opts, body });
client.request = request;
module.exports = client;
