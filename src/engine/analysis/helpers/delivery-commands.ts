import type { Indicator, PackageFile, PackageInput, Severity } from '../types';
import { type Location, clip, lifecycleRuns, locate, manifestsOf, offsetIn } from './delivery-manifest';
import { shadowingBins } from './delivery-bins';
import { gypExpansions, isShellScript, rootGypFiles } from './delivery-files';

/**
 * Reads the shell, batch and PowerShell commands a package runs or ships: lifecycle scripts,
 * binding.gyp command expansions and script files. One analysis per package, shared by the
 * `command-*` rules, each of which reports one category of what it found.
 */

export type CommandCategory = 'download-exec' | 'exfil' | 'reverse-shell' | 'obfuscation' | 'destructive' | 'persistence' | 'background';

export interface CommandHit {
  category: CommandCategory;
  severity: Severity;
  message: string;
  location: Location;
  indicators: Indicator[];
}

interface Unit {
  text: string;
  file: PackageFile | undefined;
  path: string;
  /** Offset of the unit in its file; matches add to it only when `exact`. */
  offset: number | undefined;
  exact: boolean;
  /** "in the postinstall script", "in install.sh" ... */
  where: string;
  /** Runs at install time: a lifecycle script, a gyp expansion, or a script file one of them launches. */
  install: boolean;
}

const cache = new WeakMap<PackageInput, CommandHit[]>();

export function commandHits(pkg: PackageInput): CommandHit[] {
  let hits = cache.get(pkg);
  if (!hits) {
    hits = analyse(pkg);
    cache.set(pkg, hits);
  }
  return hits;
}

const SEVERITY_RANK: Record<Severity, number> = { info: 0, low: 1, medium: 2, high: 3, critical: 4 };
const RAISE: Record<Severity, Severity> = { info: 'low', low: 'medium', medium: 'high', high: 'high', critical: 'critical' };
const LOWER: Record<Severity, Severity> = { info: 'info', low: 'low', medium: 'low', high: 'medium', critical: 'high' };

function analyse(pkg: PackageInput): CommandHit[] {
  const units: Unit[] = [];
  const installBodies: string[] = [];
  for (const manifest of manifestsOf(pkg)) {
    const of = manifest.bundled ? ` of bundled ${clip(manifest.name, 40)}` : '';
    for (const run of lifecycleRuns(manifest)) {
      const where = run.name === run.hook ? `in the ${run.hook} script${of}` : `in the "${clip(run.name, 30)}" script${of}, run by ${run.hook}`;
      units.push({ text: run.body, file: manifest.file, path: manifest.path, offset: offsetIn(manifest, ['scripts', run.name]), exact: false, where, install: true });
      installBodies.push(run.body);
    }
  }
  for (const file of rootGypFiles(pkg)) {
    for (const e of gypExpansions(file.text!)) {
      units.push({ text: e.command, file, path: file.path, offset: e.offset, exact: false, where: 'in a binding.gyp command expansion, which node-gyp runs during install', install: true });
    }
  }
  const hits: CommandHit[] = [];
  // A bin that shadows `sudo` or `git` runs whenever they are called: as unattended as an install script.
  const shadowing = new Set(shadowingBins(pkg).map((b) => b.target.replace(/^\.\//, '')));
  for (const file of pkg.files) {
    if (!file.text || !isShellScript(file)) continue;
    const base = file.path.slice(file.path.lastIndexOf('/') + 1);
    const launched = shadowing.has(file.path) || installBodies.some((b) => b.includes(base));
    const fileUnits = scriptLines(file, launched);
    units.push(...fileUnits);
    const multi = downloadThenRun(fileUnits);
    if (multi) hits.push(multi);
  }
  for (const unit of units) hits.push(...analyseUnit(unit));
  // One hit per category per place: keep the strongest.
  const best = new Map<string, CommandHit>();
  for (const hit of hits) {
    const key = `${hit.category}|${hit.location.file}|${hit.location.line ?? ''}`;
    const prior = best.get(key);
    if (!prior || SEVERITY_RANK[hit.severity] > SEVERITY_RANK[prior.severity]) best.set(key, hit);
  }
  return [...best.values()];
}

/** Logical lines of a script file (continuations joined), comments dropped. */
function scriptLines(file: PackageFile, install: boolean): Unit[] {
  const text = file.text!;
  const base = file.path.slice(file.path.lastIndexOf('/') + 1);
  const batch = /\.(?:bat|cmd)$/i.test(file.path);
  const out: Unit[] = [];
  let start = 0;
  let pending = '';
  let pendingStart = 0;
  while (start <= text.length && out.length < 5000) {
    let end = text.indexOf('\n', start);
    if (end === -1) end = text.length;
    const raw = text.slice(start, end).replace(/\r$/, '');
    const trimmed = raw.trim();
    if (!pending) pendingStart = start;
    const comment = batch ? /^(?:rem\b|::|@rem\b)/i.test(trimmed) : trimmed.startsWith('#') && !trimmed.startsWith('#!');
    if (!comment && trimmed) {
      const continued = /(?:\\|\^|`)$/.test(trimmed);
      pending += (pending ? ' ' : '') + (continued ? trimmed.slice(0, -1) : trimmed);
      if (!continued) {
        out.push({ text: pending, file, path: file.path, offset: pendingStart + (raw.length - raw.trimStart().length), exact: !pending.includes('\n') && pendingStart === start, where: `in ${base}`, install });
        pending = '';
      }
    }
    start = end + 1;
  }
  if (pending) out.push({ text: pending, file, path: file.path, offset: pendingStart, exact: false, where: `in ${base}`, install });
  return out;
}

// ---------------------------------------------------------------------------------------------
// Patterns. Each is anchored on a command word so prose in a README-like script does not match.

const DOWNLOADER = /(?<![\w.-])(?:curl|wget)(?:\.exe)?(?![\w-])|\b(?:Invoke-WebRequest|Invoke-RestMethod|iwr|irm|Start-BitsTransfer)\b|\.Download(?:String|File|Data)\s*\(|\bcertutil(?:\.exe)?\s[^\n]*-urlcache\b|\bbitsadmin(?:\.exe)?\s[^\n]*\/transfer\b/i;
const PIPE_TO_SHELL = /\|\s*(?:sudo\s+(?:-\S+\s+)*)?(?:\/(?:usr\/)?bin\/)?(?:env\s+)?(?:ba|z|da|k|fi)?sh\b(?!\.)|\|\s*(?:python[23]?|node|perl|ruby)\s*(?:-\s*)?(?=$|[;&|)'"])|\|\s*(?:iex|Invoke-Expression)\b/i;
const SUBST_RUN = /(?:\b(?:ba|z|da|k)?sh\s+(?:-c\s+)?|\beval\s+|\bsource\s+|(?:^|[;&|]\s*)\.\s+)["']?\s*(?:\$\(|`|<\()\s*(?:curl|wget)\b/i;
const PS_DOWNLOAD_IEX = /\b(?:iex|Invoke-Expression)\b[^\n]{0,300}?(?:\b(?:iwr|irm|Invoke-WebRequest|Invoke-RestMethod)\b|DownloadString)|(?:\b(?:iwr|irm|Invoke-WebRequest|Invoke-RestMethod)\b|DownloadString)[^\n]*\|\s*(?:iex|Invoke-Expression)\b/i;
const LOLBIN = /\bcertutil(?:\.exe)?\s[^\n]*-urlcache\b|\bbitsadmin(?:\.exe)?\s[^\n]*\/transfer\b|\bmshta(?:\.exe)?\s+["']?(?:https?|vbscript|javascript):|\bregsvr32(?:\.exe)?\s[^\n]*\/i:\s*["']?https?:|\brundll32(?:\.exe)?\s[^\n]*(?:https?:|javascript:)/i;
const RUN_AFTER = /\bchmod\s+(?:-\w+\s+)*(?:[ugoa]*\+[rw]*x|0?[0-7]*[1357][0-7]{0,2})\b|(?:&&|;|\|\|)\s*(?:\.\/|\/tmp\/|\$TMPDIR|%TEMP%|%APPDATA%)|\bStart-Process\b|\bstart\s+(?:\/\w+\s+)*(?:""\s+)?["']?[^\s"']+\.(?:exe|bat|cmd|vbs|ps1|scr)\b|\bnohup\b|\b(?:rundll32|regsvr32)\b/i;
const CONCEAL = />\s*\/dev\/null|&>\s*\/dev\/null|2>\s*&1|>\s*nul\b|2>\s*nul\b|\|\|\s*(?:true|:|\(:\)|exit\s+0)|-WindowStyle\s+Hidden|\s-w\s+hidden\b|\bnohup\b|\bstart\s+\/b\b|(?<![&>|])&\s*$/i;

/** Where honest install scripts download release artefacts from. */
const RELEASE_HOST = /(?:^|\.)(?:github\.com|githubusercontent\.com|gitlab\.com|bitbucket\.org|npmjs\.(?:org|com)|yarnpkg\.com|nodejs\.org|googleapis\.com|amazonaws\.com|cloudfront\.net|azureedge\.net|windows\.net|sourceforge\.net|jsdelivr\.net|unpkg\.com|cloudflare\.com|apache\.org|python\.org|pypi\.org|go\.dev|golang\.org|rust-lang\.org|maven\.org|docker\.com|hashicorp\.com|dl\.google\.com|microsoft\.com|mozilla\.org)$/i;

/** Output thrown away or a window hidden: what raises a background launch from odd to hiding. */
const SILENCED = />\s*\/dev\/null|&>\s*\/dev\/null|>\s*nul\b|-WindowStyle\s+Hidden|\s-w\s+hidden\b/i;
const IDENTITY = /\$\(\s*(?:whoami|hostname|id\b|uname|pwd|env\b|printenv|cat\s+\/etc\/(?:passwd|hosts|hostname)|ls\b|ifconfig|ip\s+a|aws\s)|`\s*(?:whoami|hostname|id|uname|pwd|env|printenv)\b[^`]*`|\$\{?(?:USER|USERNAME|LOGNAME|HOSTNAME)\}?(?![\w])|%(?:USERNAME|COMPUTERNAME|USERDOMAIN|USERPROFILE)%|\$env:(?:USERNAME|COMPUTERNAME|USERDOMAIN)\b/g;
/** Where sent data sits in a network command: the URL argument, a data/header option, a looked-up name. */
const SENT_ARGS = /\b(?:https?|ftp):\/\/(?:"[^"]*"|'[^']*'|[^\s"'])*|["'](?:https?|ftp):\/\/[^"']*["']|(?:\s-d|--data(?:-binary|-raw|-urlencode|-ascii)?|\s-F|--form|\s-H|--header|\s-A|--user-agent|--upload-file|\s-T|--post-data|--body|-Body)[\s=]+(?:"[^"]*"|'[^']*'|\S+)|\b(?:nslookup|dig|host|ping)\s+(?:-\S+\s+)*\S+/g;
const UPLOAD_SECRET = /(?:\s-d|--data(?:-binary|-raw|-urlencode)?|\s-F|--form|--upload-file|\s-T)[\s=]*["']?@?(?:\/etc\/passwd|~\/\.|\$HOME\/\.|\/root\/)/;
const LOOKUP_BEACON = /\b(?:nslookup|dig|host|ping)\s+(?:-\S+\s+)*[^\s;&|]*(?:\$\(|`|\$\{?(?:USER|HOSTNAME)\b|%(?:USERNAME|COMPUTERNAME)%)/i;
const DEV_TCP = /\/dev\/(?:tcp|udp)\/([^/\s"']+)\/(\d+)/i;

const REVERSE_SHELL: RegExp[] = [
  /\b(?:ba|z|da|k)?sh\s+-i\b[^\n]*?(?:>&|&>|<>|>)\s*\/dev\/(?:tcp|udp)\//i,
  /\bexec\s+\d+<>\s*\/dev\/tcp\//i,
  /\/dev\/tcp\/\S+\s+0>&1/i,
  /\b(?:nc|ncat|netcat)(?:\.exe)?\s[^\n|;]*?\s-[a-zA-Z]*[ec]\s*["']?(?:\/(?:usr\/)?bin\/)?(?:(?:ba|z|da|k)?sh|cmd(?:\.exe)?|powershell(?:\.exe)?)\b/i,
  /\bmkfifo\b[^\n]*\|\s*(?:nc|ncat|netcat|telnet|openssl\s+s_client)\b/i,
  /\b(?:ba|z|da)?sh\s+-i\b[^\n]*\|\s*(?:nc|ncat|netcat|telnet)\s/i,
  /\bsocat\b[^\n]*\bexec:/i,
  /\bpython[23]?\s+-c\s+["'][^\n]*\bsocket\b[^\n]*(?:subprocess|pty\.spawn|os\.dup2)/i,
  /\bperl\s+-e\s+["'][^\n]*\bsocket\b[^\n]*\bexec\b/i,
  /\bphp\s+-r\s+["'][^\n]*fsockopen/i,
  /\bruby\s+-rsocket\b/i,
  /System\.Net\.Sockets\.TCPClient\b[^\n]*(?:GetStream|iex|Invoke-Expression)/i,
];

const PS_ENCODED = /\b(?:powershell|pwsh)(?:\.exe)?\b[^\n]*?\s[-/]e(?:n(?:c(?:o(?:d(?:e(?:d(?:c(?:o(?:m(?:m(?:a(?:n(?:d)?)?)?)?)?)?)?)?)?)?)?)?|c)?\s+["']?([A-Za-z0-9+/]{16,}={0,2})/i;
const BASE64_TO_SHELL = /\bbase64\s+(?:-d|--decode|-D|-di)\b[^\n]*\|\s*(?:sudo\s+)?(?:(?:ba|z|da|k)?sh|python[23]?|node|perl)\b|(?:\beval\b|\b(?:ba|z)?sh\s+-c)\s+["']?\$\([^)]*\bbase64\s+(?:-d|--decode|-D)/i;
const PS_FROM_BASE64_RUN = /FromBase64String[\s\S]{0,400}?(?:\biex\b|Invoke-Expression|Start-Process|\.Invoke\()|(?:\biex\b|Invoke-Expression)[\s\S]{0,400}?FromBase64String/i;

const DESTRUCTIVE: { re: RegExp; what: (m: RegExpExecArray) => string; severity: Severity }[] = [
  {
    re: /\brm\s+(?:-[a-zA-Z-]+\s+)*-[a-zA-Z]*[rR][a-zA-Z]*\s+(?:-[a-zA-Z-]+\s+)*(?:--no-preserve-root\s+)?["']?(\/\*?|~\/?\*?|\$\{?HOME\}?\/?\*?|\/(?:home|root|etc|usr|var|bin|boot|lib|opt|Users)\/?\*?)["']?(?=$|[\s;&|)])/,
    what: (m) => `deletes ${m[1]} recursively`,
    severity: 'high',
  },
  {
    re: /\brm\s+(?:-[a-zA-Z-]+\s+)*-[a-zA-Z]*[rR][a-zA-Z]*\s+(?:-[a-zA-Z-]+\s+)*["']?([^\s"';&|]*\.\.\/\.\.(?:\/\.\.)*\/?)["']?(?=$|[\s;&|)])/,
    what: (m) => `deletes ${clip(m[1]!, 40)} recursively, outside its own folder`,
    severity: 'high',
  },
  { re: /:\s*\(\s*\)\s*\{\s*:\s*\|\s*:\s*&\s*\}\s*;\s*:/, what: () => 'starts a fork bomb', severity: 'high' },
  { re: /%0\s*\|\s*%0/, what: () => 'starts a batch fork bomb', severity: 'high' },
  { re: /\bdd\s[^\n]*\bof=\/dev\/(?:sd[a-z]|nvme\d|hd[a-z]|disk\d|mmcblk\d)/, what: () => 'overwrites a disk device with dd', severity: 'critical' },
  { re: /\bmkfs(?:\.\w+)?\s+\/dev\//, what: () => 'formats a disk with mkfs', severity: 'critical' },
  { re: /\b(?:rd|rmdir)\s+\/s\s+(?:\/q\s+)?["']?([A-Za-z]:\\(?:Users\\?)?)["']?(?=\s|$)/i, what: (m) => `deletes ${m[1]} recursively`, severity: 'high' },
  { re: /\b(?:del|erase)\s+(?:\/[a-zA-Z]\s+)*["']?([A-Za-z]:\\\*?(?:\.\*)?)["']?(?=\s|$)/i, what: (m) => `deletes ${m[1]}`, severity: 'high' },
  { re: /\bformat\s+[A-Za-z]:(?=\s|$)/i, what: () => 'formats a drive', severity: 'critical' },
  {
    re: /\bRemove-Item\b[^\n]*(?:-Recurse\b[^\n]*(?:\s["']?[A-Za-z]:\\["']?(?=\s|$)|\$env:USERPROFILE\b|\$HOME\b|\s~(?=\s|$))|(?:\s["']?[A-Za-z]:\\["']?(?=\s)|\$env:USERPROFILE\b|\$HOME\b|\s~(?=\s))[^\n]*-Recurse\b)/i,
    what: () => 'deletes the drive or home folder recursively with Remove-Item',
    severity: 'high',
  },
];

const PERSISTENCE: { re: RegExp; what: string; severity: Severity }[] = [
  { re: /\breg(?:\.exe)?\s+add\s+["']?HK(?:CU|LM|EY_CURRENT_USER|EY_LOCAL_MACHINE)\\Software\\(?:Wow6432Node\\)?Microsoft\\Windows\\CurrentVersion\\Run(?:Once|Services)?\b/i, what: 'adds a Windows Run key, so a program starts at every logon', severity: 'high' },
  { re: /\b(?:New-ItemProperty|Set-ItemProperty)\b[^\n]*CurrentVersion\\Run\b/i, what: 'adds a Windows Run key, so a program starts at every logon', severity: 'high' },
  { re: /\bschtasks(?:\.exe)?\s+\/create\b/i, what: 'creates a Windows scheduled task', severity: 'high' },
  { re: /\\(?:Start Menu\\Programs\\Startup|Startup)\\|shell:startup/i, what: 'places a file in the Windows Startup folder', severity: 'high' },
  { re: /\|\s*crontab\s+(?:-u\s+\S+\s+)?-(?=\s|$|[;&|)'"])|\bcrontab\s+(?:-u\s+\S+\s+)?(?![-\s])[^\s;&|]+|>>?\s*["']?\/etc\/cron|\/var\/spool\/cron\/|\/etc\/cron\.(?:d|daily|hourly|weekly)\//, what: 'installs a cron job', severity: 'high' },
  { re: /\bsystemctl\s+(?:--user\s+)?enable\b|\/etc\/systemd\/system\/[^\s"']+\.(?:service|timer)|\.config\/systemd\/user\/[^\s"']*\.(?:service|timer)/, what: 'installs a systemd service', severity: 'high' },
  { re: /\blaunchctl\s+(?:load|bootstrap|submit)\b|Library\/Launch(?:Agents|Daemons)\/[^\s"']*\.plist/, what: 'installs a launchd agent', severity: 'high' },
  { re: /(?:>>?|\btee\s+(?:-a\s+)?)\s*["']?(?:~|\$HOME|\$\{HOME\}|\/root|\/home\/[^/\s]+)\/\.(?:bashrc|bash_profile|bash_login|zshrc|zshenv|zprofile|profile|config\/fish\/config\.fish)\b/, what: 'appends to a shell start-up file, so its code runs in every new shell', severity: 'medium' },
  { re: /(?:>>?|\b(?:cp|mv|tee|install|copy|move|Copy-Item|Set-Content|Out-File)\b[^\n]*?)\s*["']?[^\s"']*\.github[\\/]workflows[\\/]/i, what: 'writes a GitHub Actions workflow, which runs with the repository\'s secrets', severity: 'medium' },
  { re: /(?:>>?|\b(?:cp|mv|tee|copy|move|Copy-Item|Set-Content|Out-File)\b[^\n]*?)\s*["']?[^\s"']*\.vscode[\\/]tasks\.json/i, what: 'writes .vscode/tasks.json, whose folderOpen tasks run when the folder is opened', severity: 'medium' },
  { re: /(?:>>?|\b(?:cp|mv|tee|copy|move|Copy-Item|Set-Content|Out-File)\b[^\n]*?)\s*["']?[^\s"']*\.claude[\\/]settings(?:\.local)?\.json/i, what: 'writes .claude/settings.json, whose hooks run commands in every Claude Code session', severity: 'medium' },
];

const BACKGROUND: { re: RegExp; what: string }[] = [
  { re: /\bstart\s+(?:"[^"]*"\s+)?\/(?:b|min)\b/i, what: 'start /B' },
  { re: /\b(?:powershell|pwsh)(?:\.exe)?\b[^\n]*?\s-w(?:indowstyle)?\s+h(?:idden)?\b/i, what: 'a hidden PowerShell window' },
  { re: /\bnohup\b/, what: 'nohup' },
  { re: /\bsetsid\b/, what: 'setsid' },
  { re: /\bdisown\b/, what: 'disown' },
  { re: /\b(?:wscript|cscript)(?:\.exe)?\b[^\n]*\.(?:vbs|js|jse|wsf)\b/i, what: 'Windows Script Host' },
  { re: /\b(?:forever|pm2)\s+start\b/, what: 'a process manager' },
];
/** A lone `&` that sends the command to the background (not `&&`, `>&`, `2>&1`). */
const TRAILING_AMP = /(?<![&>|<\d])&\s*(?:$|;|\))/;

const NODE_INLINE = /(?:^|[\s;&|(])(?:node|nodejs|\$NODE|"\$NODE")(?:\.exe)?\s+(?:--?[\w-]+(?:=\S+)?\s+)*?(?:-e|--eval|-p|--print)\s+(["']?)([\s\S]*)/;

/** What a shell command does to persist, e.g. `reg add ...\\Run`, `| crontab -`. */
export function persistenceCommand(text: string): { what: string; severity: Severity } | undefined {
  for (const p of PERSISTENCE) if (p.re.test(text)) return { what: p.what, severity: p.severity };
  return undefined;
}

// ---------------------------------------------------------------------------------------------

function analyseUnit(unit: Unit): CommandHit[] {
  const text = unit.text;
  if (text.length > 20_000) return [];
  const hits: CommandHit[] = [];
  const at = (index: number | undefined) => locate(unit.file, unit.path, unit.offset === undefined ? undefined : unit.exact && index !== undefined ? unit.offset + index : unit.offset);
  // A script nothing runs at install time (a maintainer tool, a CLI helper) counts one step less.
  const add = (category: CommandCategory, severity: Severity, message: string, index?: number, indicators: Indicator[] = []) =>
    hits.push({ category, severity: unit.install ? severity : LOWER[severity], message, location: at(index), indicators });
  const concealed = CONCEAL.test(text);
  const where = unit.where;

  // Reverse shells first: they also match the download and /dev/tcp patterns below.
  for (const re of REVERSE_SHELL) {
    const m = re.exec(text);
    if (m) {
      const target = shellTarget(text) ?? endpointOf(text);
      add('reverse-shell', 'critical', `Connects an interactive shell to ${target ?? 'a remote host'} ${where}: a reverse shell (\`${clip(m[0], 60)}\`).`, m.index, indicatorsOf(text));
      break;
    }
  }
  const reverse = hits.length > 0;

  const dl = DOWNLOADER.exec(text);
  // A reverse shell line also pipes into /bin/sh: reporting a download-and-run there would mislead.
  if (dl && !reverse) {
    const url = firstUrl(text);
    const what = url ? clip(url, 80) : 'a remote file';
    const ind = indicatorsOf(text);
    const lolbin = LOLBIN.exec(text);
    if (PIPE_TO_SHELL.test(text) || SUBST_RUN.test(text)) add('download-exec', 'high', `Downloads ${what} and runs it in a shell ${where}.`, dl.index, ind);
    else if (PS_DOWNLOAD_IEX.test(text)) add('download-exec', 'high', `Downloads ${what} and runs it with PowerShell Invoke-Expression ${where}.`, dl.index, ind);
    else if (lolbin) add('download-exec', 'high', `Uses ${clip(lolbin[0].split(/\s/)[0]!, 20)} to fetch ${what} ${where}: a Windows downloader used by droppers.`, lolbin.index, ind);
    else if (RUN_AFTER.test(text)) add('download-exec', 'high', `Downloads ${what} and then makes it executable or starts it ${where}.`, dl.index, ind);
    else if (unit.install && !reverse && !identities(text).length && !DEV_TCP.test(text)) {
      const host = url ? hostOf(url) : undefined;
      const raw = !!host && (isIp(host) || /:\d+$/.test(urlAuthority(url!)) || url!.toLowerCase().startsWith('http:'));
      // Honest install-time downloads fetch release artefacts from code hosts, registries and
      // vendor CDNs; anywhere else (a personal web host, an unknown domain) is a dropper's habit.
      let severity: Severity = raw || (!!host && !RELEASE_HOST.test(host)) ? 'medium' : 'low';
      if (concealed) severity = RAISE[severity];
      add('download-exec', severity, `Fetches ${what} while the package installs ${where}${concealed ? ', with its output hidden' : ''}.`, dl.index, ind);
    }
  } else {
    const lol = LOLBIN.exec(text);
    if (lol) add('download-exec', 'high', `Runs ${clip(lol[0], 60)} ${where}: a Windows binary used by droppers to fetch and run code.`, lol.index, indicatorsOf(text));
  }

  {
    const tcp = reverse ? null : DEV_TCP.exec(text);
    if (tcp) add('exfil', 'high', `Opens a raw connection to ${tcp[1]}:${tcp[2]} through /dev/${tcp[0].includes('udp') ? 'udp' : 'tcp'} ${where}.`, tcp.index, indicatorsOf(text));
    else {
      const networked = dl || /\b(?:nc|ncat|netcat|telnet|nslookup|dig|ping)\s/i.test(text);
      const ids = networked ? identities(text) : [];
      const lookup = LOOKUP_BEACON.exec(text);
      if (ids.length) add('exfil', 'high', `Sends ${ids.join(', ')} to ${endpointOf(text) ?? 'a remote host'} ${where}.`, dl?.index, indicatorsOf(text));
      else if (lookup) add('exfil', 'high', `Leaks command output through a DNS lookup (\`${clip(lookup[0], 50)}\`) ${where}.`, lookup.index, indicatorsOf(text));
    }
  }

  const ps = PS_ENCODED.exec(text);
  if (ps) {
    const decoded = decodePowerShell(ps[1]!);
    add('obfuscation', 'high', `Runs a base64-encoded PowerShell command ${where}${decoded ? `; it decodes to "${clip(decoded, 80)}"` : ''}.`, ps.index, decoded ? indicatorsOf(decoded) : []);
  } else {
    const b64 = BASE64_TO_SHELL.exec(text) ?? PS_FROM_BASE64_RUN.exec(text);
    if (b64) add('obfuscation', 'high', `Decodes base64 and runs the result ${where}.`, b64.index);
  }

  const inline = NODE_INLINE.exec(text);
  if (inline) inlineNode(inline[2]!, where, (c, s, m, ind) => add(c, s, m, inline.index, ind));

  for (const d of DESTRUCTIVE) {
    const m = d.re.exec(text);
    if (m) {
      add('destructive', d.severity, `${capitalise(d.what(m))} ${where}.`, m.index);
      break;
    }
  }

  for (const p of PERSISTENCE) {
    const m = p.re.exec(text);
    if (m) {
      const severity = p.re.source.includes('tasks') && /folderOpen/.test(text) ? 'high' : p.severity;
      const path = m[0].split(/\s+/).map((w) => w.replace(/^["'>]+|["']+$/g, '')).filter((w) => /[/\\]/.test(w) && !/^\/dev\//.test(w)).pop();
      add('persistence', severity, `${capitalise(p.what)} ${where}.`, m.index, [...(path ? [{ type: 'path' as const, value: path.slice(0, 200) }] : []), ...indicatorsOf(text)]);
      break;
    }
  }

  if (unit.install) {
    const bg = BACKGROUND.map((b) => ({ b, m: b.re.exec(text) })).find((x) => x.m);
    const amp = !bg && unit.path.endsWith('package.json') ? TRAILING_AMP.exec(text) : null;
    if (bg?.m || amp) {
      const how = bg ? bg.b.what : 'a trailing &';
      add('background', SILENCED.test(text) ? 'medium' : 'low', `Starts a process in the background with ${how} ${where}, so it keeps running after the install finishes.`, (bg?.m ?? amp)!.index);
    }
  }
  return hits;
}

/** `node -e "<code>"`: what the inline program uses, read as text. */
function inlineNode(code: string, where: string, add: (c: CommandCategory, s: Severity, m: string, ind: Indicator[]) => void): void {
  const mods = new Set<string>();
  for (const m of code.matchAll(/\b(?:require|import)\s*\(\s*\\?["'`](?:node:)?([@\w./-]+)\\?["'`]\s*\)/g)) mods.add(m[1]!);
  const net = [...mods].filter((m) => /^(?:https?|http2|net|tls|dgram|dns|axios|node-fetch|request|got|undici)$/.test(m));
  if (/\bfetch\s*\(/.test(code)) net.push('fetch');
  const recon = mods.has('os') || /process\.env\b(?!\.\w)|process\.env\s*\)|whoami|hostname/.test(code);
  const exec = mods.has('child_process');
  const ind = indicatorsOf(code);
  if (/\b(?:eval|Function)\s*\(/.test(code) && /Buffer\.from\([^)]*['"](?:base64|hex)['"]|\batob\s*\(|fromCharCode/.test(code)) {
    add('obfuscation', 'high', `Runs inline JavaScript that decodes and evaluates a hidden payload ${where}.`, ind);
  }
  if (!net.length) return;
  if (recon) add('exfil', 'high', `Runs inline JavaScript that sends host or user details over ${net[0]} ${where}.`, ind);
  else if (exec) add('download-exec', 'high', `Runs inline JavaScript that uses ${net[0]} and child_process together ${where}.`, ind);
  else add('exfil', 'medium', `Runs inline JavaScript that makes a network request with ${net[0]} ${where}.`, ind);
}

/** Identity data (user, host, env) inside what a network command sends, not in an output path. */
function identities(text: string): string[] {
  const out = new Set<string>();
  if (UPLOAD_SECRET.test(text)) out.add('a secret file');
  for (const arg of text.matchAll(SENT_ARGS)) {
    for (const m of arg[0].matchAll(IDENTITY)) {
      out.add(clip(m[0].replace(/^[\s$(`{%"']+|[\s)`}%"']+$/g, '').replace(/^env:/i, ''), 24));
      if (out.size >= 3) return [...out];
    }
  }
  return [...out];
}

/** Download a file in one line, run it in a later one (`curl -o x ...` then `chmod +x x && ./x`). */
function downloadThenRun(lines: Unit[]): CommandHit | undefined {
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (!DOWNLOADER.test(line.text) || PIPE_TO_SHELL.test(line.text) || RUN_AFTER.test(line.text)) continue;
    const out = /(?:\s-o\s+|\s-O\s+|--output\s+|--output-document[= ]|-OutFile\s+|>\s*)["']?([^\s"';&|>]+)/i.exec(line.text);
    if (!out) continue;
    const target = out[1]!.slice(out[1]!.lastIndexOf('/') + 1).replace(/^.*\\/, '');
    if (target.length < 2 || target === 'null' || target === '-') continue;
    const escaped = target.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    // The file must be what runs: `chmod +x f`, `./f` in command position, `sh f`, `start f`, `Start-Process f`.
    const runs = new RegExp(`(?:\\bchmod\\s+\\S+\\s+\\S*|(?:^|[;&|(]\\s*|\\b(?:nohup|sudo|exec|setsid)\\s+)(?:\\S*\\/)?|\\b(?:ba)?sh\\s+\\S*|\\bstart\\s+(?:\\/\\w+\\s+)*(?:""\\s+)?\\S*|Start-Process\\s+(?:-FilePath\\s+)?\\S*)["']?${escaped}(?:["'\\s;&|)]|$)`, 'i');
    for (let j = i + 1; j < Math.min(lines.length, i + 30); j++) {
      if (runs.test(lines[j]!.text)) {
        const url = firstUrl(line.text);
        return {
          category: 'download-exec',
          severity: line.install ? 'high' : 'medium',
          message: `Downloads ${url ? clip(url, 80) : 'a file'} to ${clip(target, 40)} and runs it a few lines later ${line.where}.`,
          location: locate(line.file, line.path, line.offset),
          indicators: indicatorsOf(line.text),
        };
      }
    }
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Indicators

const URL_RE = /\b(?:https?|ftp):\/\/[^\s'"`\\)<>|;,]+/gi;

/** The first URL, cut before shell substitutions (`?u=$(whoami)`) so messages stay readable. */
function firstUrl(text: string): string | undefined {
  URL_RE.lastIndex = 0;
  const m = URL_RE.exec(text);
  if (!m) return undefined;
  const cut = m[0].search(/\$[({]|`/);
  return cut > 0 ? m[0].slice(0, cut) : m[0];
}

function urlAuthority(url: string): string {
  return url.replace(/^[a-z]+:\/\//i, '').split(/[/?#]/)[0]!.replace(/^[^@]*@/, '');
}

export function hostOf(url: string): string | undefined {
  const authority = urlAuthority(url);
  const host = authority.startsWith('[') ? authority.slice(1, authority.indexOf(']')) : authority.replace(/:\d*$/, '');
  return host ? host.toLowerCase() : undefined;
}

export function isIp(host: string): boolean {
  return /^(?:(?:25[0-5]|2[0-4]\d|1?\d?\d)\.){3}(?:25[0-5]|2[0-4]\d|1?\d?\d)$/.test(host) || (host.includes(':') && /^[0-9a-f:]+$/i.test(host));
}

function endpointOf(text: string): string | undefined {
  const url = firstUrl(text);
  if (url) return hostOf(url);
  const tcp = DEV_TCP.exec(text);
  if (tcp) return `${tcp[1]}:${tcp[2]}`;
  const nc = /\b(?:nc|ncat|netcat|telnet)(?:\.exe)?\s+(?:-\S+\s+)*([\w.-]+)\s+(\d{2,5})\b/i.exec(text);
  if (nc) return `${nc[1]}:${nc[2]}`;
  const ip = /(?<![\d.])(?:\d{1,3}\.){3}\d{1,3}(?![\d.])/.exec(text);
  return ip?.[0];
}

/** Where a reverse shell connects: the /dev/tcp or nc/socat target rather than any URL on the line. */
function shellTarget(text: string): string | undefined {
  const tcp = DEV_TCP.exec(text);
  if (tcp) return `${tcp[1]}:${tcp[2]}`;
  const nc = /\b(?:nc|ncat|netcat|telnet)(?:\.exe)?\s+(?:-[a-zA-Z]+\s+(?:\/\S+\s+)?)*([\w.-]+)\s+(\d{2,5})\b/i.exec(text);
  if (nc) return `${nc[1]}:${nc[2]}`;
  const socat = /\btcp(?:4|6)?:([\w.-]+):(\d{2,5})/i.exec(text);
  if (socat) return `${socat[1]}:${socat[2]}`;
  const quoted = /["']((?:\d{1,3}\.){3}\d{1,3})["']\s*,\s*(\d{2,5})/.exec(text);
  return quoted ? `${quoted[1]}:${quoted[2]}` : undefined;
}

export function indicatorsOf(text: string): Indicator[] {
  const out: Indicator[] = [];
  const seen = new Set<string>();
  const push = (i: Indicator) => {
    const key = `${i.type}:${i.value}`;
    if (!seen.has(key) && out.length < 8) {
      seen.add(key);
      out.push(i);
    }
  };
  const host = (h: string) => {
    if (isIp(h)) push({ type: 'ip', value: h });
    else if (/^[a-z0-9-]+(?:\.[a-z0-9-]+)+$/i.test(h) && h !== 'localhost') push({ type: 'domain', value: h });
  };
  URL_RE.lastIndex = 0;
  for (const m of text.matchAll(URL_RE)) {
    push({ type: 'url', value: m[0].slice(0, 300) });
    const h = hostOf(m[0]);
    if (h) host(h);
  }
  const tcp = DEV_TCP.exec(text);
  if (tcp) host(tcp[1]!);
  for (const m of text.matchAll(/(?<![\d.\w])(?:\d{1,3}\.){3}\d{1,3}(?![\d.\w])/g)) if (isIp(m[0]) && !m[0].startsWith('127.') && m[0] !== '0.0.0.0') host(m[0]);
  return out;
}

function decodePowerShell(b64: string): string | undefined {
  try {
    const bytes = Buffer.from(b64, 'base64');
    const utf16 = bytes.toString('utf16le');
    const text = /^[\x09\x0a\x0d\x20-\x7e]+$/.test(utf16) ? utf16 : bytes.toString('utf8');
    return /^[\x09\x0a\x0d\x20-\x7e]{4,}$/.test(text) ? text : undefined;
  } catch {
    return undefined;
  }
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
