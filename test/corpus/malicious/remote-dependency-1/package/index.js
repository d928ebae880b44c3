const helpers = require('redis-session-helpers');
module.exports = function (session) { return helpers.createStore(session.Store); };
