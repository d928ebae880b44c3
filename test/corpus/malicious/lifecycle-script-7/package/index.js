module.exports = function connect(clientId) {
  return { clientId, connected: false };
};
