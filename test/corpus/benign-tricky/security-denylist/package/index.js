'use strict';
// Rejects outbound URLs that user input must never reach: private networks, cloud metadata, and
// services commonly abused for exfiltration or out-of-band testing. This module only compares strings.
const net = require('net');

const BLOCKED_HOST_SUFFIXES = [
  'oastify.com', 'burpcollaborator.net', 'interact.sh', 'oast.fun', 'oast.pro', 'canarytokens.com',
  'dnslog.cn', 'requestbin.net', 'webhook.site', 'pipedream.net', 'ngrok.io', 'ngrok-free.app',
  'pastebin.com', 'transfer.sh',
];
const BLOCKED_PATHS = [/^\/api\/webhooks\//, /^\/bot\d+:[\w-]+\//];
const METADATA = ['169.254.169.254', 'metadata.google.internal', '100.100.100.200'];

function isPrivateIp(ip) {
  if (!net.isIP(ip)) return false;
  return /^(10\.|127\.|192\.168\.|172\.(1[6-9]|2\d|3[01])\.|169\.254\.|0\.)/.test(ip) || ip === '::1' || /^f[cd]/i.test(ip);
}

module.exports = function isAllowed(input) {
  let u;
  try { u = new URL(input); } catch (e) { return false; }
  if (!/^https?:$/.test(u.protocol)) return false;
  const host = u.hostname.toLowerCase();
  if (METADATA.includes(host) || isPrivateIp(host)) return false;
  if (BLOCKED_HOST_SUFFIXES.some((s) => host === s || host.endsWith('.' + s))) return false;
  if ((host === 'discord.com' || host === 'api.telegram.org') && BLOCKED_PATHS.some((re) => re.test(u.pathname))) return false;
  return true;
};
