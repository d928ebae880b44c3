module.exports = function autoprefix(opts) { return require('stream').PassThrough({ objectMode: true }); };
