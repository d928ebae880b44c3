const utils = require('./lib/utils');
require('./lib/sync');
module.exports = utils;
