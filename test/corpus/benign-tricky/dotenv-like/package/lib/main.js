const fs = require('fs');
const path = require('path');
const os = require('os');

const LINE = /(?:^|^)\s*(?:export\s+)?([\w.-]+)(?:\s*=\s*?|:\s+?)(\s*'(?:\\'|[^'])*'|\s*"(?:\\"|[^"])*"|\s*`(?:\\`|[^`])*`|[^#\r\n]+)?\s*(?:#.*)?(?:$|$)/mg;

function parse(src) {
  const obj = {};
  let lines = src.toString().replace(/\r\n?/mg, '\n');
  let match;
  while ((match = LINE.exec(lines)) != null) {
    let value = (match[2] || '').trim();
    const maybeQuote = value[0];
    value = value.replace(/^(['"`])([\s\S]*)\1$/mg, '$2');
    if (maybeQuote === '"') value = value.replace(/\\n/g, '\n').replace(/\\r/g, '\r');
    obj[match[1]] = value;
  }
  return obj;
}

function resolveHome(p) { return p[0] === '~' ? path.join(os.homedir(), p.slice(1)) : p; }

function config(options = {}) {
  const file = resolveHome(options.path || path.resolve(process.cwd(), '.env'));
  try {
    const parsed = parse(fs.readFileSync(file, { encoding: options.encoding || 'utf8' }));
    for (const key of Object.keys(parsed)) {
      if (!Object.prototype.hasOwnProperty.call(process.env, key) || options.override) process.env[key] = parsed[key];
    }
    return { parsed };
  } catch (e) {
    if (options.debug) console.log(`[env-file-loader] failed to load ${file}: ${e.message}`);
    return { error: e };
  }
}
module.exports = { config, parse };
