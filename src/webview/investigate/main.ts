// Entry point of the Investigate page (bundled to dist/webview/investigate.js). It draws what the
// host sends, keeps the last model and the user's view state with setState, and talks back only
// through typed messages: it never opens, fetches or navigates anything itself.
import type { HostMessage, InvestigateModel, PageMessage, PageState } from '../../editor/model/investigate/protocol';
import { renderActions } from './actions';
import { renderBanner } from './banner';
import type { RenderContext } from './context';
import { renderDiff, renderPatch } from './diff';
import { append, el, icon } from './dom';
import { renderEvidence } from './evidence';
import { renderExcerpt } from './excerpt';
import { renderFiles } from './files';
import { renderIndicators } from './indicators';
import { renderRegistry } from './registry';
import { parseHostMessage, restoreState } from './validate';

interface VsCodeApi {
  postMessage(message: PageMessage): void;
  getState(): unknown;
  setState(state: PageState): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();
const root = document.getElementById('root') ?? document.body.appendChild(el('main'));
let state: PageState = restoreState(vscode.getState());
let excerptSlots = new Map<string, HTMLElement>();
let patchSlots = new Map<string, HTMLElement>();

function save(): void {
  vscode.setState(state);
}

function onToggle(sectionId: string, open: boolean): void {
  const collapsed = new Set(state.collapsed);
  if (open) collapsed.delete(sectionId);
  else collapsed.add(sectionId);
  state = { ...state, collapsed: [...collapsed].sort() };
  save();
}

function render(model: InvestigateModel | undefined, emptyMessage = 'Choose a package to investigate.'): void {
  excerptSlots = new Map();
  patchSlots = new Map();
  if (!model) {
    const empty = el('div', 'empty');
    append(empty, icon('shield'), el('p', undefined, emptyMessage));
    root.replaceChildren(empty);
    return;
  }
  const ctx: RenderContext = {
    model,
    post: (message) => vscode.postMessage(message),
    collapsed: new Set(state.collapsed),
    onToggle,
    excerptSlots,
    patchSlots,
  };
  root.replaceChildren(renderBanner(ctx), renderActions(ctx), renderEvidence(ctx));
  if (model.files) append(root, renderFiles(ctx, model.files));
  if (model.diff) append(root, renderDiff(ctx, model.diff));
  if (model.registry) append(root, renderRegistry(ctx, model.registry));
  append(root, renderIndicators(ctx, model.indicators));
}

function scrollTo(y: number): void {
  requestAnimationFrame(() => window.scrollTo(0, y));
}

function handle(message: HostMessage): void {
  switch (message.type) {
    case 'show': {
      // a rescan of the same package keeps the reader's place; another package starts at the top
      const samePackage = state.model?.key === message.model.key;
      state = { ...state, model: message.model, scrollY: samePackage ? state.scrollY : 0 };
      save();
      render(message.model);
      scrollTo(state.scrollY);
      return;
    }
    case 'empty':
      state = { ...state, model: undefined, scrollY: 0 };
      save();
      render(undefined, message.message);
      return;
    case 'excerpts': {
      const model = state.model;
      if (!model || model.key !== message.key) return;
      const items = new Map(model.evidence.flatMap((group) => group.items.map((item) => [item.id, item] as const)));
      for (const { id, excerpt } of message.excerpts) {
        const item = items.get(id);
        if (!item) continue;
        item.excerpt = excerpt;
        excerptSlots.get(id)?.replaceChildren(renderExcerpt(excerpt));
      }
      save();
      return;
    }
    case 'patch': {
      if (state.model?.key !== message.key) return;
      const slot = patchSlots.get(message.path);
      if (slot) renderPatch(slot, message.lines, message.truncated, message.note);
      return;
    }
  }
}

window.addEventListener('message', (event: MessageEvent) => {
  const message = parseHostMessage(event.data);
  if (message) handle(message);
});

let scrollPending = false;
window.addEventListener('scroll', () => {
  if (scrollPending) return;
  scrollPending = true;
  requestAnimationFrame(() => {
    scrollPending = false;
    state = { ...state, scrollY: Math.max(0, Math.round(window.scrollY)) };
    save();
  });
});

render(state.model);
if (state.scrollY > 0) scrollTo(state.scrollY);
vscode.postMessage({ type: 'ready' });
