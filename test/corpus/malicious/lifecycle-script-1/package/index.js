'use strict';

function setBarStyle(style) {
  if (style !== 'light-content' && style !== 'dark-content') {
    throw new TypeError('style must be light-content or dark-content');
  }
  return { barStyle: style };
}

module.exports = { setBarStyle };
