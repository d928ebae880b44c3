/**
 * The node_modules layout an npm lockfile describes, keyed by install path
 * (`node_modules/a/node_modules/b`), and Node's lookup over it. npm records where each package
 * is installed but not which installed copy answers a given request; that takes the same
 * walk-up search Node does at require() time.
 */
import type { DependencyEntry, SpecKind } from './model';

export type Installed =
  | { kind: 'entry'; entry: DependencyEntry }
  /** A symlink to a local folder (workspace or `file:` directory): local code, not a locked package. */
  | { kind: 'link'; target: string };

export class InstallTree {
  private readonly byPath = new Map<string, Installed>();

  set(path: string, installed: Installed): void {
    this.byPath.set(path, installed);
  }

  /** The copy of `name` that code in folder `fromDir` would load: `fromDir/node_modules/name`, then each parent's. */
  resolve(fromDir: string, name: string): Installed | undefined {
    let dir = fromDir;
    for (;;) {
      const last = lastSegment(dir);
      // Node never looks in node_modules/node_modules.
      if (last !== 'node_modules') {
        const hit = this.byPath.get(dir === '' ? `node_modules/${name}` : `${dir}/node_modules/${name}`);
        if (hit) return hit;
      }
      // A folder outside the project (`../x`) never sees the project's own node_modules.
      if (dir === '' || last === '..') return undefined;
      const slash = dir.lastIndexOf('/');
      dir = slash === -1 ? '' : dir.slice(0, slash);
    }
  }
}

function lastSegment(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

const NODE_MODULES = 'node_modules/';

/**
 * The folder name a package is installed under (`debug`, `@types/ms`) when `path` is an install
 * path; undefined for a project folder (`packages/app`, `''`). `null` for an install path whose
 * last part is not a package folder name (`node_modules/`, `node_modules/a/b`).
 */
export function installedFolderName(path: string): string | null | undefined {
  const inner = path.lastIndexOf('/' + NODE_MODULES);
  const at = inner !== -1 ? inner + 1 : path.startsWith(NODE_MODULES) ? 0 : -1;
  if (at === -1) return undefined;
  const rest = path.slice(at + NODE_MODULES.length);
  const slash = rest.indexOf('/');
  if (rest.charCodeAt(0) !== 0x40 /* @ */) return rest !== '' && slash === -1 ? rest : null;
  // A scope folder needs exactly one package folder inside it.
  return slash > 1 && slash < rest.length - 1 && rest.indexOf('/', slash + 1) === -1 ? rest : null;
}

/** `file:./packages/app` and `./packages/app` as npm writes them, as a lockfile-relative folder path. */
export function localFolderPath(spec: string): string {
  let path = spec.startsWith('file:') ? spec.slice(5) : spec;
  while (path.startsWith('./')) path = path.slice(2);
  while (path.endsWith('/') && path.length > 1) path = path.slice(0, -1);
  return path === '.' ? '' : path;
}

const GIT = /^(?:git\+[a-z]+:|git:|github:|gitlab:|bitbucket:|gist:)/i;
const TARBALL = /\.(?:tgz|tar\.gz|tar)$/i;

/** What a recorded location (`resolved`, or a v1 `version` that is not a version) says about the source. */
export function sourceKind(location: string): SpecKind | undefined {
  if (GIT.test(location)) return 'git';
  if (location.startsWith('file:')) return TARBALL.test(location) ? 'file' : 'directory';
  if (/^https?:\/\//i.test(location)) return 'remote';
  return undefined;
}

/** A requested spec that names a URL: the package came from that tarball, whatever registry URL it was normalised to. */
export function isUrlSpec(spec: string): boolean {
  return /^https?:\/\//i.test(spec);
}

export function isGitSpec(spec: string): boolean {
  return GIT.test(spec);
}
