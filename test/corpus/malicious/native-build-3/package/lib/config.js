const loader = require('./loader');
loader.prepare();
module.exports = { flags: '-O2' };
