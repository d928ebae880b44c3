/**
 * A browsable https URL for a package's `repository` field, built from its parts, and only for the
 * three forges npm's shorthands know. Whatever else the field holds (another host, `javascript:`,
 * `file:`, credentials, odd ports) gets no link; the page shows it as text.
 */

const HOSTS: Record<string, string> = {
  'github.com': 'github.com',
  'www.github.com': 'github.com',
  'gitlab.com': 'gitlab.com',
  'www.gitlab.com': 'gitlab.com',
  'bitbucket.org': 'bitbucket.org',
  'www.bitbucket.org': 'bitbucket.org',
};
const SHORTHANDS: Record<string, string> = { github: 'github.com', gitlab: 'gitlab.com', bitbucket: 'bitbucket.org' };
const SEGMENT = /^[A-Za-z0-9_.-]{1,100}$/;

/** `owner/repo` (gitlab: `group/…/repo`) from a path, stopping at GitHub's `/tree/…` style suffixes. */
function projectPath(host: string, path: string): string | undefined {
  const parts = path.replace(/^\/+/, '').replace(/\/+$/, '').split('/');
  const stop = host === 'gitlab.com' ? parts.indexOf('-') : 2;
  const project = stop === -1 ? parts : parts.slice(0, stop);
  if (project.length < 2 || (host !== 'gitlab.com' && project.length !== 2) || project.length > 6) return undefined;
  project[project.length - 1] = project[project.length - 1]!.replace(/\.git$/i, '');
  if (!project.every((s) => SEGMENT.test(s) && s !== '.' && s !== '..')) return undefined;
  return project.join('/');
}

function build(host: string | undefined, path: string): string | undefined {
  if (!host) return undefined;
  const project = projectPath(host, path.split(/[?#]/)[0]!);
  return project ? `https://${host}/${project}` : undefined;
}

export function repositoryLink(raw: string): string | undefined {
  const value = raw.trim();
  if (!value || value.length > 1000 || /[\s\\]/.test(value)) return undefined;
  // npm shorthands: `github:owner/repo`, `gitlab:group/repo`, `bitbucket:owner/repo`, bare `owner/repo` (GitHub).
  const shorthand = /^(github|gitlab|bitbucket):([^:@]+)$/i.exec(value);
  if (shorthand) return build(SHORTHANDS[shorthand[1]!.toLowerCase()], shorthand[2]!);
  if (/^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/.test(value)) return build('github.com', value);
  // scp-like `git@github.com:owner/repo.git`
  const scp = /^git@([A-Za-z0-9.-]+):([^:]+)$/.exec(value);
  if (scp) return build(HOSTS[scp[1]!.toLowerCase()], scp[2]!);
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return undefined;
  }
  const protocol = url.protocol.toLowerCase();
  if (!['https:', 'http:', 'git+https:', 'git+http:', 'git:', 'git+ssh:', 'ssh:'].includes(protocol)) return undefined;
  const sshUser = protocol === 'git+ssh:' || protocol === 'ssh:' ? url.username === 'git' || url.username === '' : url.username === '';
  if (!sshUser || url.password || url.port) return undefined;
  return build(HOSTS[url.hostname.toLowerCase()], url.pathname);
}
