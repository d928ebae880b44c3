module.exports = {
  extends: ['eslint:recommended'],
  rules: {}
};
