import { modify, type Edit } from 'jsonc-parser';
import type { DependencyEntry } from '../../engine/deps/model';

/** The text edits that take one dependency out of package.json (keeping the file's formatting and commas right). */
export function removeDependencyEdits(text: string, entry: DependencyEntry): Edit[] {
  const groups = ['dependencies', 'devDependencies', 'optionalDependencies', 'peerDependencies', 'overrides', 'resolutions'];
  if (!entry.group || !groups.includes(entry.group)) return [];
  const indent = /\n([ \t]+)"/.exec(text)?.[1] ?? '  ';
  return modify(text, [entry.group, entry.alias ?? entry.name], undefined, { formattingOptions: { insertSpaces: !indent.includes('\t'), tabSize: indent.includes('\t') ? 1 : indent.length } });
}
