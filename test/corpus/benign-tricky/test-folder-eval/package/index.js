'use strict';
exports.encode = (s) => Buffer.from(String(s), 'utf8');
exports.decode = (b) => Buffer.from(b).toString('utf8');
