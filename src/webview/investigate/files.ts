// The tarball's files as a tree of <details> folders, with sizes and flags, and the entry points
// (what runs without anyone calling it) listed first.
import type { EntryPointView, FileView, FilesView } from '../../editor/model/investigate/protocol';
import { section, type RenderContext } from './context';
import { append, el, icon, lookup } from './dom';
import { humanSize, plural } from './format';

const FLAGS: Record<string, { label: string; className: string }> = {
  'install-time': { label: 'install-time', className: 'badge badge-danger' },
  'entry-point': { label: 'entry point', className: 'badge badge-warning' },
  findings: { label: 'findings', className: 'badge badge-danger' },
  new: { label: 'new', className: 'badge badge-info' },
  changed: { label: 'changed', className: 'badge badge-info' },
  binary: { label: 'binary', className: 'badge badge-muted' },
  minified: { label: 'minified', className: 'badge badge-muted' },
  unparsable: { label: 'unparsable', className: 'badge badge-warning' },
  truncated: { label: 'truncated', className: 'badge badge-muted' },
};

interface Folder {
  folders: Map<string, Folder>;
  files: { name: string; file: FileView }[];
  size: number;
  count: number;
}

export function renderFiles(ctx: RenderContext, view: FilesView): HTMLElement {
  const body = el('div', 'section-body');
  if (view.entryPoints.length > 0) append(body, renderEntryPoints(view.entryPoints));
  const summary = el('p', 'muted', `${plural(view.total, 'file')}, ${humanSize(view.totalSize)}`);
  append(body, summary);
  if (view.cut) append(body, el('p', 'notice', view.cut));
  const tree = el('ul', 'file-tree');
  // small packages open fully; a big one starts folded so that it stays readable
  appendFolder(tree, buildTree(view.files), view.files.length <= 60);
  append(body, tree);
  return section(ctx, 'files', 'Files', body, { icon: 'list-tree', count: String(view.total) });
}

function renderEntryPoints(entries: readonly EntryPointView[]): HTMLElement {
  const box = el('div', 'entry-points');
  append(box, el('h3', undefined, 'Entry points'));
  const list = el('ul', 'entry-list');
  // install-time ones first: they run on `npm install`, before anyone imports anything
  const sorted = [...entries].sort((a, b) => Number(b.installTime) - Number(a.installTime));
  for (const entry of sorted) {
    const item = el('li', entry.installTime ? 'entry install-time' : 'entry');
    append(item, icon(entry.installTime ? 'zap' : 'rocket'));
    append(item, el('strong', 'entry-label', entry.label));
    if (entry.installTime) append(item, el('span', 'badge badge-danger', 'runs at install'));
    else append(item, el('span', 'badge badge-muted', entry.kind));
    append(item, el('code', 'entry-detail', entry.detail));
    append(list, item);
  }
  append(box, list);
  return box;
}

function emptyFolder(): Folder {
  return { folders: new Map(), files: [], size: 0, count: 0 };
}

function buildTree(files: readonly FileView[]): Folder {
  const root = emptyFolder();
  for (const file of files) {
    const parts = file.path.split('/').filter((p) => p !== '');
    const name = parts.pop() ?? file.path;
    let folder = root;
    folder.size += file.size;
    folder.count++;
    for (const part of parts) {
      let next = folder.folders.get(part);
      if (!next) {
        next = emptyFolder();
        folder.folders.set(part, next);
      }
      folder = next;
      folder.size += file.size;
      folder.count++;
    }
    folder.files.push({ name, file });
  }
  return root;
}

function appendFolder(list: HTMLElement, folder: Folder, open: boolean): void {
  const names = [...folder.folders.keys()].sort();
  for (const name of names) {
    const child = folder.folders.get(name)!;
    const item = el('li', 'tree-folder');
    const details = el('details');
    details.open = open;
    const summary = el('summary', 'tree-row');
    append(summary, icon('folder'), el('span', 'tree-name', name), el('span', 'size', `${plural(child.count, 'file')}, ${humanSize(child.size)}`));
    const sub = el('ul', 'tree-children');
    appendFolder(sub, child, open);
    append(details, summary, sub);
    append(item, details);
    append(list, item);
  }
  for (const { name, file } of [...folder.files].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    const item = el('li', 'tree-file tree-row');
    append(item, icon('file'), el('span', 'tree-name', name), el('span', 'size', humanSize(file.size)));
    for (const flag of file.flags) {
      const look = lookup(FLAGS, flag);
      if (!look) continue;
      const label = flag === 'findings' && file.findingCount > 0 ? plural(file.findingCount, 'finding') : look.label;
      append(item, el('span', look.className, label));
    }
    append(list, item);
  }
}
