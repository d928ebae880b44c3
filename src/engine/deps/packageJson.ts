import type { DependencyEntry, DependencyFile, DependencyGroup, ParseOptions, ParseProblem } from './model';
import { members, memberRange, nodeRange, parseJsonDocument, property, stringValue, type JsonDocument, type JsonNode } from './json';
import { classifySpec } from './spec';
import { fatalFile, precheck, problem } from './text';

const MAP_GROUPS = ['dependencies', 'devDependencies', 'optionalDependencies', 'peerDependencies'] as const;

/**
 * Reads a package.json into entries, one per declared dependency, override or resolution.
 * Duplicate keys are kept the way npm keeps them (the last one wins) but reported as errors:
 * a second `"lodash"` key further down is a known way to hide what really gets installed.
 */
export function parsePackageJson(text: string, options?: ParseOptions): DependencyFile {
  const early = precheck('package-json', text, options);
  if (early) return early;
  try {
    return readManifest(parseJsonDocument(text));
  } catch (error) {
    return fatalFile('package-json', [problem('E_PARSE', `Could not read package.json: ${String(error)}`, { start: { line: 0, column: 0 }, end: { line: 0, column: 0 } })]);
  }
}

function readManifest(doc: JsonDocument): DependencyFile {
  if (doc.broken) return fatalFile('package-json', doc.problems);
  const root = doc.root!;
  if (root.type !== 'object') {
    return fatalFile('package-json', [problem('E_SCHEMA', 'package.json must contain a JSON object.', nodeRange(doc, root))]);
  }
  const problems: ParseProblem[] = [];
  const entries: DependencyEntry[] = [];
  reportDuplicates(doc, root, 'package.json', problems, 'warning');

  const name = stringValue(property(root, 'name'));
  const version = stringValue(property(root, 'version'));
  const workspaceGlobs = readWorkspaceGlobs(doc, property(root, 'workspaces'), problems);

  for (const group of MAP_GROUPS) {
    const node = property(root, group);
    if (!node) continue;
    if (node.type !== 'object') {
      problems.push(problem('E_SCHEMA', `"${group}" must be an object of package names to version specs.`, nodeRange(doc, node)));
      continue;
    }
    reportDuplicates(doc, node, `"${group}"`, problems, 'error');
    for (const member of lastMembers(node)) {
      const spec = stringValue(member.value);
      if (spec === undefined) {
        problems.push(problem('E_SCHEMA', `The spec of "${member.key}" in "${group}" must be a string.`, nodeRange(doc, member.value)));
        continue;
      }
      entries.push(declared(doc, member, spec, group));
    }
  }
  readBundled(doc, root, entries, problems);
  readOverrides(doc, property(root, 'overrides'), 'overrides', entries, problems);
  readOverrides(doc, property(property(root, 'pnpm'), 'overrides'), 'overrides', entries, problems);
  readOverrides(doc, property(root, 'resolutions'), 'resolutions', entries, problems);

  const file: DependencyFile = { kind: 'package-json', workspaces: [{ path: '', name, version }], entries, problems, fatal: false };
  if (name !== undefined) file.name = name;
  if (version !== undefined) file.version = version;
  if (workspaceGlobs) file.workspaceGlobs = workspaceGlobs;
  return file;
}

function declared(doc: JsonDocument, member: { key: string; keyNode: JsonNode; value: JsonNode }, spec: string, group: DependencyGroup, localName = member.key): DependencyEntry {
  const classified = classifySpec(localName, spec);
  const entry: DependencyEntry = {
    name: classified.name,
    spec,
    specKind: classified.kind,
    dev: group === 'devDependencies',
    optional: group === 'optionalDependencies',
    peer: group === 'peerDependencies',
    direct: true,
    workspaces: [''],
    group,
    range: memberRange(doc, member),
  };
  if (classified.name !== localName) entry.alias = localName;
  return entry;
}

/** Members with later duplicates dropped, so each key yields one entry with the value npm would use. */
function lastMembers(node: JsonNode): ReturnType<typeof members> {
  const all = members(node);
  const last = new Map<string, (typeof all)[number]>();
  for (const m of all) last.set(m.key, m);
  return all.filter((m) => last.get(m.key) === m);
}

function reportDuplicates(doc: JsonDocument, node: JsonNode, where: string, problems: ParseProblem[], severity: ParseProblem['severity']): void {
  const seen = new Set<string>();
  for (const m of members(node)) {
    if (seen.has(m.key)) {
      problems.push(problem('E_DUPLICATE_KEY', `Duplicate key "${m.key}" in ${where}: npm uses the last one, so an earlier entry is not what gets installed.`, nodeRange(doc, m.keyNode), severity));
    }
    seen.add(m.key);
  }
}

function readWorkspaceGlobs(doc: JsonDocument, node: JsonNode | undefined, problems: ParseProblem[]): string[] | undefined {
  if (!node) return undefined;
  // npm and yarn classic accept an array; yarn classic also accepts {packages: [...], nohoist: [...]}.
  const list = node.type === 'array' ? node : property(node, 'packages');
  if (!list || list.type !== 'array') {
    problems.push(problem('E_SCHEMA', '"workspaces" must be an array of folder globs (or an object with "packages").', nodeRange(doc, node)));
    return undefined;
  }
  const globs: string[] = [];
  for (const item of list.children ?? []) {
    const glob = stringValue(item);
    if (glob === undefined) problems.push(problem('E_SCHEMA', 'Each workspace must be a string glob.', nodeRange(doc, item)));
    else globs.push(glob);
  }
  return globs;
}

function readBundled(doc: JsonDocument, root: JsonNode, entries: DependencyEntry[], problems: ParseProblem[]): void {
  for (const key of ['bundleDependencies', 'bundledDependencies']) {
    const node = property(root, key);
    if (!node || node.type === 'boolean') continue; // `true` bundles every dependency: nothing new to declare.
    if (node.type !== 'array') {
      problems.push(problem('E_SCHEMA', `"${key}" must be an array of dependency names or a boolean.`, nodeRange(doc, node)));
      continue;
    }
    for (const item of node.children ?? []) {
      const name = stringValue(item);
      if (name === undefined) {
        problems.push(problem('E_SCHEMA', `Each entry of "${key}" must be a package name.`, nodeRange(doc, item)));
        continue;
      }
      const declaredEntry = entries.find((e) => (e.alias ?? e.name) === name && e.group !== 'peerDependencies');
      entries.push({
        name: declaredEntry?.name ?? name,
        ...(declaredEntry?.alias ? { alias: declaredEntry.alias } : {}),
        ...(declaredEntry?.spec !== undefined ? { spec: declaredEntry.spec } : {}),
        specKind: declaredEntry?.specKind ?? 'invalid',
        dev: false,
        optional: false,
        peer: false,
        direct: true,
        workspaces: [''],
        group: 'bundleDependencies',
        range: nodeRange(doc, item),
      });
    }
  }
}

/**
 * npm `overrides` nest (`{"a": {"b": "1"}}`, `"a@1": "2"`, `".": "self"`), yarn `resolutions` use
 * paths (`"**\/a/b"`). Each string leaf forces some package to a spec, which makes it as much an
 * entry point for a malicious version as a direct dependency.
 */
function readOverrides(doc: JsonDocument, node: JsonNode | undefined, group: 'overrides' | 'resolutions', entries: DependencyEntry[], problems: ParseProblem[], parent?: string, depth = 0): void {
  if (!node) return;
  if (node.type !== 'object') {
    problems.push(problem('E_SCHEMA', `"${group}" must be an object.`, nodeRange(doc, node)));
    return;
  }
  if (depth > 32) return;
  for (const member of lastMembers(node)) {
    const target = member.key === '.' ? parent : overrideTarget(member.key, group);
    if (member.value.type === 'object') {
      readOverrides(doc, member.value, group, entries, problems, target, depth + 1);
      continue;
    }
    const spec = stringValue(member.value);
    if (spec === undefined) {
      problems.push(problem('E_SCHEMA', `The override for "${member.key}" must be a string or an object.`, nodeRange(doc, member.value)));
      continue;
    }
    // `$name` refers to the root's own declared spec; nothing new is introduced by it.
    if (!target || spec.startsWith('$')) continue;
    entries.push(declared(doc, member, spec, group, target));
  }
}

/** The package an override or resolution key points at: `a@^1` -> a, `**\/a/@s/b` -> @s/b. */
export function overrideTarget(key: string, group: 'overrides' | 'resolutions'): string | undefined {
  let name = key;
  if (group === 'resolutions') {
    const parts = key.split('/');
    const last = parts.pop() ?? '';
    const scope = parts.pop();
    name = scope?.startsWith('@') ? `${scope}/${last}` : last;
  }
  const at = name.indexOf('@', 1);
  if (at > 0) name = name.slice(0, at);
  return name && name !== '**' ? name : undefined;
}
