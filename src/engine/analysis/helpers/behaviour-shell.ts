/**
 * What a shell / batch / PowerShell command does, for commands found in JavaScript strings
 * (`exec('curl … | sh')`) and in scripts (`.sh`, `.bat`, `.ps1`, package.json scripts).
 * Every pattern is a technique, never a sample's host or file name.
 */

export type ShellBehaviour = 'download-exec' | 'encoded-powershell' | 'reverse-shell' | 'destructive' | 'recon-exfil' | 'env-exfil' | 'dns-exfil';

export interface ShellHit {
  behaviour: ShellBehaviour;
  /** What the command does, as the end of a sentence ("pipes a download from x into a shell"). */
  what: string;
  index: number;
  /** A URL or host the command talks to, when it names one. */
  target?: string;
  severity?: 'high';
}

const DOWNLOADER = /\b(?:curl|wget|fetch|aria2c|Invoke-WebRequest|iwr|Invoke-RestMethod|irm|certutil|bitsadmin|DownloadString|DownloadFile|Start-BitsTransfer)\b/i;

interface Pattern {
  re: RegExp;
  behaviour: ShellBehaviour;
  what: string;
  /** The pattern only counts when a downloader is also present in the command. */
  needsDownloader?: boolean;
  /** A weaker variant of its behaviour (a raw /dev/tcp beacon is not yet an interactive shell). */
  severity?: 'high';
}

const PATTERNS: Pattern[] = [
  // Download and execute.
  { re: /\b(?:curl|wget)\b[^|;&\n]*\|\s*(?:sudo\s+)?(?:-?\w+=\S+\s+)*(?:\/(?:usr\/)?bin\/)?(?:ba|z|da|k|fi)?sh\b/i, behaviour: 'download-exec', what: 'pipes a download straight into a shell' },
  { re: /\b(?:curl|wget)\b[^|;&\n]*\|\s*(?:sudo\s+)?(?:node|python[23]?|perl|ruby|php|bun|deno)\b/i, behaviour: 'download-exec', what: 'pipes a download straight into an interpreter' },
  { re: /\b(?:irm|iwr|Invoke-RestMethod|Invoke-WebRequest)\b[^|\n]*\|\s*(?:iex|Invoke-Expression)\b/i, behaviour: 'download-exec', what: 'pipes a download into Invoke-Expression' },
  { re: /\b(?:iex|Invoke-Expression)\b[\s(]*(?:\(?\s*New-Object\s+(?:System\.)?Net\.WebClient\s*\)?\s*\.\s*DownloadString|\(?\s*(?:irm|iwr|Invoke-RestMethod|Invoke-WebRequest)\b)/i, behaviour: 'download-exec', what: 'runs a downloaded PowerShell script with Invoke-Expression' },
  { re: /\bcertutil(?:\.exe)?\b[^\n]*-urlcache\b/i, behaviour: 'download-exec', what: 'downloads a file with certutil' },
  { re: /\bbitsadmin(?:\.exe)?\b[^\n]*\/transfer\b/i, behaviour: 'download-exec', what: 'downloads a file with bitsadmin' },
  { re: /\bmshta(?:\.exe)?\s+["']?(?:https?|vbscript|javascript):/i, behaviour: 'download-exec', what: 'runs a remote HTA with mshta' },
  { re: /\bregsvr32\b[^\n]*\/i:\s*https?:/i, behaviour: 'download-exec', what: 'runs a remote scriptlet with regsvr32' },
  { re: /\bchmod\s+(?:[+ugoa]*x|[0-7]*[1357][0-7]{0,2})\b[^\n]*(?:&&|;|\n)\s*(?:nohup\s+|sudo\s+)?(?:\.\/|\/tmp\/|\$TMPDIR|\$HOME|~\/)/i, behaviour: 'download-exec', what: 'downloads a file, makes it executable and runs it', needsDownloader: true },
  { re: /\b(?:start|Start-Process)\b(?:\s+\/[bB]|\s+""|\s+-WindowStyle\s+\w+)*\s+["']?[^\s"']*\.(?:exe|scr|bat|cmd|vbs|js|msi|ps1)\b/i, behaviour: 'download-exec', what: 'downloads a program and starts it', needsDownloader: true },
  { re: /\brundll32(?:\.exe)?\s/i, behaviour: 'download-exec', what: 'downloads a DLL and loads it with rundll32', needsDownloader: true },
  { re: /\b(?:curl|wget)\b[^\n]*(?:-o|-O|--output(?:-document)?)\s*["']?\S+[^\n]*(?:&&|;|\n)\s*(?:nohup\s+)?(?:sh|bash|node|python[23]?)\s+["']?[^\s|&;]+/i, behaviour: 'download-exec', what: 'downloads a script and runs it' },
  { re: /\bnode\s+(?:-e|--eval|-p|--print)\b[^\n]*(?:https?['"]?\)?\.(?:get|request)|fetch\s*\()[^\n]*\b(?:eval|Function)\s*\(/, behaviour: 'download-exec', what: 'runs inline Node code that downloads a script and evaluates it' },
  // Encoded PowerShell.
  { re: /\b(?:powershell|pwsh)(?:\.exe)?\b[^\n]*\s-(?:e|ec|en|enc|enco|encod|encode|encoded|encodedc|encodedcommand)\s+["']?[A-Za-z0-9+/]{16,}={0,2}/i, behaviour: 'encoded-powershell', what: 'runs a base64-encoded PowerShell command' },
  { re: /\b(?:powershell|pwsh)(?:\.exe)?\b[^\n]*-(?:w|win|windowstyle)\s+h(?:idden)?\b[^\n]*(?:-exec(?:utionpolicy)?\s+bypass|DownloadString|Invoke-WebRequest|iwr|irm)/i, behaviour: 'download-exec', what: 'runs a hidden PowerShell with the execution policy bypassed' },
  // Reverse shells.
  { re: /\/dev\/(?:tcp|udp)\/(?!localhost\/|127\.|0\.0\.0\.0\/|\$|\{)[^\s/]+\/\d+/i, behaviour: 'reverse-shell', what: 'opens a raw TCP connection to a remote host through /dev/tcp', severity: 'high' },
  { re: /\b(?:nc|ncat|netcat)(?:\.exe)?\b[^|;&\n]*\s-[a-z]*[ec]\s*["']?(?:\/(?:usr\/)?bin\/)?(?:ba|z)?sh\b|\b(?:nc|ncat|netcat)(?:\.exe)?\b[^|;&\n]*\s-[a-z]*e\s*["']?cmd(?:\.exe)?\b/i, behaviour: 'reverse-shell', what: 'hands a shell to netcat' },
  { re: /\b(?:ba)?sh\s+-i\b[^\n]*[<>]&?\s*\/dev\/tcp\/(?!localhost\/|127\.)|\b(?:ba)?sh\s+-i\s*(?:2>&1\s*)?\|\s*(?:nc|ncat|netcat)\b/i, behaviour: 'reverse-shell', what: 'connects an interactive shell to a remote host' },
  { re: /\bmkfifo\b[^\n]*\|\s*(?:\/bin\/)?(?:ba)?sh\b[^\n]*\|\s*(?:nc|ncat|netcat|openssl)\b/i, behaviour: 'reverse-shell', what: 'wires a shell to netcat through a FIFO' },
  { re: /\bsocat\b[^\n]*\bexec:["']?(?:\/bin\/)?(?:ba)?sh/i, behaviour: 'reverse-shell', what: 'hands a shell to socat' },
  { re: /\bpython[23]?\s+-c\s+["'][^"']*import\s+(?:socket|pty)[^"']*(?:connect|spawn)/i, behaviour: 'reverse-shell', what: 'starts a Python reverse shell' },
  { re: /\bperl\s+-e\s+["'][^"']*use\s+Socket[^"']*exec/i, behaviour: 'reverse-shell', what: 'starts a Perl reverse shell' },
  { re: /New-Object\s+(?:System\.)?Net\.Sockets\.TCPClient\b[^\n]*(?:iex|Invoke-Expression|GetStream)/i, behaviour: 'reverse-shell', what: 'starts a PowerShell reverse shell' },
  // Destruction.
  { re: /\brm\s+(?:-{1,2}[\w-]+\s+)*-[a-zA-Z]*[rR][a-zA-Z]*\s+(?:-{1,2}[\w-]+\s+)*["']?(?:~|\$HOME|\$\{HOME\}|\/|\/\*|\/home|\/Users|\/root|\$\w*DIR\/\.\.\/\.\.|\.\.\/\.\.|[A-Za-z]:\\?)["']?\/?\*?(?=[\s;&|)"'`]|$)/, behaviour: 'destructive', what: 'recursively deletes a home, root or parent directory' },
  { re: /\brm\s+[^\n;&|]*--no-preserve-root\b/, behaviour: 'destructive', what: 'deletes the file system root' },
  { re: /\b(?:rd|rmdir)\s+\/s\s+\/q\s+["']?(?:[A-Za-z]:\\?|%USERPROFILE%|%HOMEPATH%|%SystemRoot%)["']?(?=[\s&|"]|$)/i, behaviour: 'destructive', what: 'recursively deletes a drive or the user profile' },
  { re: /\bdel\s+(?:\/[a-z]\s+)*\/[sS]\s+(?:\/[a-z]\s+)*["']?(?:[A-Za-z]:\\\*?|%USERPROFILE%)/i, behaviour: 'destructive', what: 'deletes every file on a drive or in the user profile' },
  { re: /:\s*\(\s*\)\s*\{\s*:\s*\|\s*:\s*&\s*\}\s*;\s*:/, behaviour: 'destructive', what: 'runs a fork bomb' },
  { re: /\bdd\s+if=\/dev\/(?:zero|u?random)\s+of=\/dev\/(?:sd|hd|nvme|vd|xvd|disk|mmcblk)/, behaviour: 'destructive', what: 'overwrites a disk device' },
  { re: /\bmkfs(?:\.\w+)?\s+\/dev\//, behaviour: 'destructive', what: 'formats a disk' },
  { re: /\bformat\s+[A-Za-z]:\s*\/[qQyY]/, behaviour: 'destructive', what: 'formats a drive' },
  // Recon sent out by a one-liner.
  { re: /\b(?:env|printenv|set)\s*\|\s*(?:base64[^|\n]*\|\s*)?(?:curl|wget|nc|ncat)\b/i, behaviour: 'env-exfil', what: 'pipes every environment variable to the network' },
  { re: /\b(?:curl|wget)\b[^\n]*(?:-d|--data(?:-binary|-raw|-urlencode)?|--post-data|-F)\s*[=@"']*[^\s]*\$\(\s*(?:env|printenv)\b/i, behaviour: 'env-exfil', what: 'posts every environment variable' },
  { re: /\b(?:curl|wget)\b[^\n]*(?:-d|--data(?:-binary)?|--post-file|-F\s*\w+=|-T|--upload-file)\s*["']?@?(?:~|\$HOME)?\/?(?:\.npmrc|\.ssh\/|\.aws\/|\.git-credentials|\/etc\/passwd|\/etc\/shadow|\.env\b)/i, behaviour: 'env-exfil', what: 'uploads a credential file' },
];

/** `$(whoami)`, `` `hostname` ``, `%USERNAME%`: identity of the machine spliced into a command. */
const IDENTITY_SUBST = /\$\(\s*(?:(?:pwd|ls)[^)]*;\s*)?(?:whoami|hostname|id|uname|cat\s+\/etc\/(?:passwd|hostname)|curl\s+[^)]*metadata|env|printenv|ifconfig|ip\s+a(?:ddr)?)\b[^)]*\)|`\s*(?:whoami|hostname|id|uname)\b[^`]*`|%(?:USERNAME|COMPUTERNAME|USERDOMAIN)%|\$env:(?:USERNAME|COMPUTERNAME)/gi;
const IDENTITY_QUICK = /whoami|hostname|\bid\b|uname|\/etc\/|metadata|\benv\b|printenv|ifconfig|\bip\s+a|USERNAME|COMPUTERNAME|USERDOMAIN/i;
const NETWORK_TOOL = /\b(?:curl|wget|nslookup|dig|host|ping|nc|ncat|Invoke-WebRequest|iwr|Resolve-DnsName)\b/i;
const DNS_TOOL = /\b(?:nslookup|dig|host|ping|Resolve-DnsName)\b/i;
const URL_OR_HOST = /\b(?:https?|ftp|wss?):\/\/[^\s"'`)<>|;]+|\b(?:[a-z0-9-]+\.)+(?:com|net|org|io|xyz|sh|in|me|site|fun|pro|live|online|ru|cn|top|info|dev|app|cloud|invalid|test|example)\b/i;

export function analyseShell(command: string): ShellHit[] {
  if (command.length < 4) return [];
  const out: ShellHit[] = [];
  const hasDownloader = DOWNLOADER.test(command);
  const target = URL_OR_HOST.exec(command)?.[0];
  for (const p of PATTERNS) {
    if (p.needsDownloader && !hasDownloader) continue;
    const m = p.re.exec(command);
    if (m) out.push({ behaviour: p.behaviour, what: p.what, index: m.index, ...(target ? { target } : {}), ...(p.severity ? { severity: p.severity } : {}) });
  }
  if (NETWORK_TOOL.test(command) && IDENTITY_QUICK.test(command)) {
    // Identity and the network tool on the same line (one command), not anywhere in a long script.
    let at = 0;
    for (const line of command.split('\n')) {
      if (NETWORK_TOOL.test(line)) {
        IDENTITY_SUBST.lastIndex = 0;
        const m = IDENTITY_SUBST.exec(line);
        if (m) {
          const dns = DNS_TOOL.test(line) && /[)`%]\s*\.[a-z0-9$(]/i.test(line);
          const lineTarget = URL_OR_HOST.exec(line)?.[0] ?? target;
          out.push({
            behaviour: dns ? 'dns-exfil' : 'recon-exfil',
            what: dns ? `puts the output of ${m[0].slice(0, 30)} into a DNS name it looks up` : `sends the output of ${m[0].slice(0, 30)} to a remote host`,
            index: at + m.index,
            ...(lineTarget ? { target: lineTarget } : {}),
          });
          break;
        }
      }
      at += line.length + 1;
    }
  }
  return out;
}
