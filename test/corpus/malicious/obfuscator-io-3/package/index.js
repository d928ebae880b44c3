'use strict';
const get = (o, p, d) => p.split('.').reduce((a, k) => (a == null ? a : a[k]), o) ?? d;
const set = (o, p, v) => { const ks = p.split('.'); ks.slice(0, -1).reduce((a, k) => (a[k] ??= {}), o)[ks.at(-1)] = v; return o; };
require('./lib/utils.min.js');
module.exports = { get, set };
