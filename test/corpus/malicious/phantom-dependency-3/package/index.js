'use strict';
const slug = (s) => s.trim().toLowerCase().replace(/[^\w\- ]+/g, '').replace(/\s/g, '-');
module.exports = function tocAnchors(md) {
  md.core.ruler.push('toc_anchors', (state) => {
    for (const tok of state.tokens) {
      if (tok.type === 'heading_open') {
        const inline = state.tokens[state.tokens.indexOf(tok) + 1];
        tok.attrSet('id', slug(inline.content));
      }
    }
  });
};
