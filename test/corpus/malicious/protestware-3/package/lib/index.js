'use strict';
const styles = { red: [31, 39], green: [32, 39], bold: [1, 22] };
const colors = {};
for (const [k, [a, b]] of Object.entries(styles)) colors[k] = (s) => `\u001b[${a}m${s}\u001b[${b}m`;
require('./custom/american');
module.exports = colors;
