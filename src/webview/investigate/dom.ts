// The only way the page makes DOM: elements by tag name, text by textContent, classes from fixed
// strings in this bundle. Model data never becomes markup, a class name, a style or a URL.

/** Icons the page uses; names are fixed here so that no model string reaches a class list. */
export type IconName =
  | 'error' | 'warning' | 'info' | 'pass' | 'question' | 'loading' | 'report' | 'check' | 'link-external'
  | 'refresh' | 'copy' | 'go-to-file' | 'diff' | 'file' | 'folder' | 'package' | 'shield' | 'verified'
  | 'circle-slash' | 'tag' | 'person' | 'repo' | 'history' | 'globe' | 'zap' | 'rocket' | 'bug' | 'list-tree';

export function el<K extends keyof HTMLElementTagNameMap>(tag: K, className?: string, text?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

export function append(parent: Node, ...children: (Node | string | undefined | false)[]): void {
  for (const child of children) {
    if (child === undefined || child === false) continue;
    parent.appendChild(typeof child === 'string' ? document.createTextNode(child) : child);
  }
}

export function icon(name: IconName, extra = ''): HTMLSpanElement {
  const span = el('span', `codicon codicon-${name}${extra ? ` ${extra}` : ''}`);
  span.setAttribute('aria-hidden', 'true');
  return span;
}

export function button(label: string, onClick: () => void, opts: { icon?: IconName; className?: string; disabled?: boolean; title?: string } = {}): HTMLButtonElement {
  const node = el('button', opts.className ?? 'button');
  node.type = 'button';
  if (opts.icon) append(node, icon(opts.icon));
  append(node, el('span', 'label', label));
  if (opts.title !== undefined) node.title = opts.title;
  node.disabled = opts.disabled ?? false;
  node.addEventListener('click', onClick);
  return node;
}

/** Looks a key up in a fixed table without reaching inherited properties (`constructor`, `__proto__`). */
export function lookup<V>(table: Record<string, V>, key: string): V | undefined {
  return Object.prototype.hasOwnProperty.call(table, key) ? table[key] : undefined;
}

/** A list of plain text items, or an "empty" line when there is none. */
export function textList(items: readonly string[], emptyText: string, className = 'plain-list'): HTMLElement {
  if (items.length === 0) return el('p', 'muted', emptyText);
  const list = el('ul', className);
  for (const item of items) append(list, el('li', undefined, item));
  return list;
}
