'use strict';
const { http, https } = require('follow-redirects');
const FormData = require('form-data');
const { getProxyForUrl } = require('proxy-from-env');

function request(url, opts = {}) {
  const lib = url.startsWith('https:') ? https : http;
  return new Promise((resolve, reject) => {
    const proxy = getProxyForUrl(url);
    const req = lib.request(url, Object.assign({ method: 'GET' }, opts, proxy ? { agent: false } : {}), (res) => {
      let data = '';
      res.setEncoding('utf8');
      res.on('data', (c) => (data += c));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, data }));
    });
    req.on('error', reject);
    if (opts.body instanceof FormData) opts.body.pipe(req); else req.end(opts.body);
  });
}

module.exports = { request, get: (u, o) => request(u, Object.assign({}, o, { method: 'GET' })) };
