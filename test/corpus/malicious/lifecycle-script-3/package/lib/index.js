'use strict';

const DEFAULTS = { retries: 3, factor: 2, minTimeout: 100 };

module.exports = function retryAgent(fetchImpl, opts) {
  const o = Object.assign({}, DEFAULTS, opts);
  return async function fetchWithRetry(url, init) {
    let wait = o.minTimeout;
    for (let i = 0; ; i++) {
      try {
        return await fetchImpl(url, init);
      } catch (err) {
        if (i >= o.retries) throw err;
        await new Promise((r) => setTimeout(r, wait));
        wait *= o.factor;
      }
    }
  };
};
