'use strict';
const units = [['year', 31536000], ['month', 2592000], ['day', 86400], ['hour', 3600], ['minute', 60], ['second', 1]];
require('./lib/locale-data');
module.exports = function relative(date, now = Date.now()) {
  const diff = Math.round((new Date(date).getTime() - now) / 1000);
  for (const [unit, secs] of units) {
    if (Math.abs(diff) >= secs || unit === 'second') return new Intl.RelativeTimeFormat('en', { numeric: 'auto' }).format(Math.round(diff / secs), unit);
  }
};
