'use strict';
const { debounce } = require('./lib/utіls');
module.exports = function useDebounce(fn, wait) { return debounce(fn, wait); };
