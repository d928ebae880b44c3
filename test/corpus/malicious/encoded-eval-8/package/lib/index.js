var messages = require('./messages');
module.exports = function t(key, locale) { return (messages[locale || 'en'] || {})[key] || key; };
