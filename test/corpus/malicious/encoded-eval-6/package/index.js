module.exports = (rp) => (opts) => rp(opts);
