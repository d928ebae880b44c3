'use strict';
const Yallist = require('yallist');

class LRU {
  constructor(max) { this.max = max || Infinity; this.map = new Map(); this.list = new Yallist(); }
  get(k) {
    const n = this.map.get(k);
    if (!n) return undefined;
    this.list.unshiftNode(n);
    return n.value.v;
  }
  set(k, v) {
    if (this.map.has(k)) { this.map.get(k).value.v = v; return this; }
    this.list.unshift({ k, v });
    this.map.set(k, this.list.head);
    while (this.map.size > this.max) { const t = this.list.tail; this.map.delete(t.value.k); this.list.removeNode(t); }
    return this;
  }
}
module.exports = LRU;
