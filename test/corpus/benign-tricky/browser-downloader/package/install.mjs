import { mkdir, writeFile, chmod } from 'node:fs/promises';
import { homedir, platform, arch } from 'node:os';
import { join } from 'node:path';

if (process.env.PUPPETEER_SKIP_DOWNLOAD || process.env.HEADLESS_FETCH_SKIP_DOWNLOAD) {
  console.log('**INFO** Skipping browser download as instructed.');
  process.exit(0);
}
const revision = '1181205';
const plat = { linux: 'linux64', darwin: arch() === 'arm64' ? 'mac-arm64' : 'mac-x64', win32: 'win64' }[platform()];
const host = process.env.HEADLESS_FETCH_DOWNLOAD_BASE_URL || 'https://storage.googleapis.com/chrome-for-testing-public';
const url = `${host}/${revision}/${plat}/chrome-headless-shell-${plat}.zip`;
const cacheDir = process.env.HEADLESS_FETCH_CACHE_DIR || join(homedir(), '.cache', 'headless-browser-fetch');

await mkdir(join(cacheDir, revision), { recursive: true });
const res = await fetch(url);
if (!res.ok) {
  console.error(`Download failed: server returned code ${res.status}. URL: ${url}`);
  process.exit(1);
}
const file = join(cacheDir, revision, `chrome-${plat}.zip`);
await writeFile(file, Buffer.from(await res.arrayBuffer()));
await chmod(file, 0o644);
console.log(`Browser downloaded to ${file}`);
