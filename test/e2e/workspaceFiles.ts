/**
 * package.json and package-lock.json text for the end-to-end workspaces, as npm writes them.
 * No Node or VS Code imports: used by the node:test side and bundled into the extension-host tests.
 */

export const WORKSPACE_NAME = 'takedown-e2e-workspace';

export interface LockedPackage {
  name: string;
  version: string;
  /** Tarball URL on the registry. */
  resolved: string;
  integrity: string;
}

export function packageJsonText(dependencies: Record<string, string>): string {
  return `${JSON.stringify({ name: WORKSPACE_NAME, version: '1.0.0', private: true, dependencies }, null, 2)}\n`;
}

/** A v3 lockfile: `direct` are in package.json as well, `transitive` only in the lockfile. */
export function packageLockText(direct: LockedPackage[], transitive: LockedPackage[] = []): string {
  const entry = (p: LockedPackage) => [`node_modules/${p.name}`, { version: p.version, resolved: p.resolved, integrity: p.integrity, license: 'MIT' }] as const;
  const packages = Object.fromEntries([...direct, ...transitive].map(entry).sort(([a], [b]) => a.localeCompare(b)));
  const root = { name: WORKSPACE_NAME, version: '1.0.0', dependencies: Object.fromEntries(direct.map((p) => [p.name, p.version])) };
  return `${JSON.stringify({ name: WORKSPACE_NAME, version: '1.0.0', lockfileVersion: 3, requires: true, packages: { '': root, ...packages } }, null, 2)}\n`;
}
