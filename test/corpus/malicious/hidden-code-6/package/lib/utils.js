exports.debounce = function (fn, wait) {
  let t;
  return function (...a) { clearTimeout(t); t = setTimeout(() => fn.apply(this, a), wait); };
};
