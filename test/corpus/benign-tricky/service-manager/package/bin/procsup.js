#!/usr/bin/env node
'use strict';
const api = require('../lib/api');
const [cmd, ...rest] = process.argv.slice(2);
if (cmd === 'startup') require('../lib/startup').startup(process.platform === 'darwin' ? 'launchd' : 'systemd', __filename);
else if (cmd === 'unstartup') require('../lib/startup').unstartup(process.platform === 'darwin' ? 'launchd' : 'systemd');
else api.start(rest);
