'use strict';
module.exports = { quote: (s) => `'${String(s).replace(/'/g, `'\\''`)}'` };
