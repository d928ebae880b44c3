'use strict';
const os = require('os');
exports.resolveBinary = () => require.resolve(`@fastbundle/${process.platform}-${os.arch()}/bin/fastbundle`);
