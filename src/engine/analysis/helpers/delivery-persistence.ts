import type { Severity } from '../types';

/**
 * Places on disk where a write makes code run again later, outside the package: shell start-up
 * files, schedulers, login items, CI workflows, editor and agent settings.
 */
export interface PersistenceTarget {
  what: string;
  severity: Severity;
  /** Raised to high when the same file also writes the trigger (`folderOpen`, `hooks`). */
  trigger?: RegExp;
}

const TARGETS: { re: RegExp; target: PersistenceTarget }[] = [
  { re: /(?:^|\/)\.(?:bashrc|bash_profile|bash_login|zshrc|zshenv|zprofile|profile|kshrc|cshrc|tcshrc)$|\.config\/fish\/config\.fish$|^\/etc\/(?:profile|bash\.bashrc|zsh\/zshrc|environment)$/, target: { what: 'a shell start-up file, so its code runs in every new shell', severity: 'medium' } },
  { re: /(?:^|\/)\.vscode\/tasks\.json$/, target: { what: '.vscode/tasks.json, where a folderOpen task runs whenever the folder is opened', severity: 'medium', trigger: /folderOpen/ } },
  { re: /(?:^|\/)\.claude\/settings(?:\.local)?\.json$/, target: { what: '.claude/settings.json, whose hooks run shell commands in Claude Code sessions', severity: 'medium', trigger: /\bhooks\b|PreToolUse|PostToolUse|SessionStart/ } },
  { re: /(?:^|\/)\.github\/workflows(?:\/|$)/, target: { what: 'a GitHub Actions workflow, which runs with the repository\'s secrets', severity: 'medium' } },
  { re: /^\/etc\/crontab$|\/var\/spool\/cron(?:\/|$)|^\/etc\/cron\.(?:d|daily|hourly|weekly|monthly)(?:\/|$)/, target: { what: 'a cron job', severity: 'high' } },
  { re: /\/etc\/systemd\/system(?:\/|$)|\.config\/systemd\/user(?:\/|$)|\/lib\/systemd\/system(?:\/|$)|^\/etc\/init\.d\//, target: { what: 'a system service (systemd / init.d)', severity: 'high' } },
  { re: /Library\/Launch(?:Agents|Daemons)(?:\/|$)/, target: { what: 'a launchd agent that starts at login', severity: 'high' } },
  { re: /Start Menu\/Programs\/Startup(?:\/|$)/i, target: { what: 'the Windows Startup folder', severity: 'high' } },
  { re: /Microsoft\/Windows\/CurrentVersion\/Run(?:Once)?(?:\/|$)/i, target: { what: 'a Windows Run registry key, so a program starts at every logon', severity: 'medium' } },
];

/** Cheap test every string literal goes through before anything else is looked at. */
export const PERSISTENCE_HINT = /bashrc|bash_profile|bash_login|zshrc|zshenv|zprofile|\.profile|kshrc|cshrc|fish\/|tasks\.json|\.vscode|\.claude|settings(?:\.local)?\.json|workflows|\.github|cron|systemd|init\.d|Launch(?:Agents|Daemons)|Startup|CurrentVersion|schtasks|launchctl|systemctl|reg(?:\.exe)?\s+add/i;

/** Normalises a path assembled from string pieces (`path.join(home, '.vscode', 'tasks.json')`). */
export function persistencePath(pieces: readonly string[]): (PersistenceTarget & { path: string }) | undefined {
  const joined = pieces.map((p) => p.replace(/\\+/g, '/')).join('/').replace(/\/{2,}/g, '/').replace(/\/$/, '');
  for (const t of TARGETS) if (t.re.test(joined)) return { ...t.target, path: joined.slice(0, 200) };
  return undefined;
}
