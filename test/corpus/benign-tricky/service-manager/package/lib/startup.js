'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');
const { execSync } = require('child_process');

/** `procsup startup`: writes a launchd agent or systemd unit for the supervisor, when the user asks. */
exports.startup = function startup(platform, binPath) {
  const user = os.userInfo().username;
  let destination;
  let template;
  let commands;
  if (platform === 'launchd') {
    destination = path.join(os.homedir(), 'Library/LaunchAgents/procsup.' + user + '.plist');
    template = `<plist><dict><key>Label</key><string>procsup.${user}</string><key>ProgramArguments</key><array><string>${binPath}</string><string>resurrect</string></array></dict></plist>`;
    commands = ['launchctl load -w ' + destination];
  } else {
    destination = '/etc/systemd/system/procsup-' + user + '.service';
    template = `[Unit]\nDescription=procsup\n[Service]\nUser=${user}\nExecStart=${binPath} resurrect\n[Install]\nWantedBy=multi-user.target\n`;
    commands = ['systemctl enable procsup-' + user];
  }
  console.log('Writing init configuration in ' + destination);
  fs.writeFileSync(destination, template);
  for (const c of commands) execSync(c, { stdio: 'inherit' });
};

/** `procsup unstartup`: removes it again. */
exports.unstartup = function unstartup(platform) {
  const user = os.userInfo().username;
  const commands = platform === 'launchd'
    ? ['launchctl unload -w ' + path.join(os.homedir(), 'Library/LaunchAgents/procsup.' + user + '.plist')]
    : ['systemctl stop procsup-' + user, 'systemctl disable procsup-' + user, 'rm /etc/systemd/system/procsup-' + user + '.service'];
  for (const c of commands) execSync(c, { stdio: 'inherit' });
};
