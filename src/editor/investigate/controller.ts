import * as vscode from 'vscode';
import type { ScanResult } from '../../engine/scan/result';
import type { Logger } from '../../log';
import type { DiagnosticsPresenter } from '../diagnostics';
import { planExcerpts } from '../model/excerptPlan';
import { buildInvestigateModel, packagePathFor } from '../model/investigate/buildModel';
import { contextExcerpt } from '../model/investigate/excerpt';
import { languageFor } from '../model/investigate/highlight';
import { parsePageMessage } from '../model/investigate/messages';
import { patchLines } from '../model/investigate/patchView';
import { PROTOCOL_VERSION, type ExcerptView, type HostMessage, type InvestigateModel } from '../model/investigate/protocol';
import { intentFor, type PageIntent } from '../model/investigateActions';
import type { PackageState } from '../model/verdictView';
import type { ScanCoordinator } from '../scanCoordinator';
import { renderInvestigatePage } from './webviewPage';

const EMPTY = 'Select a flagged package in the Flagged view, or run "Takedown: Investigate Package…".';
const CONTEXT_LINES = 2;

type Excerpts = { id: string; excerpt: ExcerptView }[];

/** One place the page is shown: the Investigate view or the editor tab. */
export class PageSurface implements vscode.Disposable {
  /** The page has said `ready` since it was last loaded. */
  ready = false;
  private readonly subscription: vscode.Disposable;

  constructor(
    readonly webview: vscode.Webview,
    private readonly controller: InvestigateController,
  ) {
    this.subscription = webview.onDidReceiveMessage((raw: unknown) => void controller.receive(this, raw));
  }

  /** A new page (fresh nonce); it asks for the model with `ready`. */
  load(): void {
    this.ready = false;
    try {
      renderInvestigatePage(this.webview, this.controller.extensionUri, this.controller.title);
    } catch (error) {
      this.controller.pageFailed(`could not render the page (webview CSP source ${JSON.stringify(this.webview.cspSource)}): ${(error as Error).message}`);
    }
  }

  /** Hidden without retained context: the page is gone until it loads again. */
  hidden(): void {
    this.ready = false;
  }

  dispose(): void {
    this.ready = false;
    this.subscription.dispose();
    this.controller.detach(this);
  }
}

/** What the test hook reports. */
export interface InvestigateSnapshot {
  posted: string[];
  model?: { key: string; verdict: string; evidenceCount: number; evidence: { file?: string; line?: number }[] };
  excerpts?: { key: string; lineCounts: number[] };
}

/**
 * The Investigate page's host: which package is shown, the model built for it, and the messages to
 * and from every surface showing it. A surface gets `show` only after its page said `ready`, again
 * when the package's state changes, and again whenever it loads anew (shown after being hidden).
 */
export class InvestigateController implements vscode.Disposable {
  private selected: { name: string; version: string } | undefined;
  private model: InvestigateModel | undefined;
  private modelJson = '';
  private readonly surfaces = new Set<PageSurface>();
  private readonly excerptCache = new WeakMap<ScanResult, Excerpts>();
  private readonly subscriptions: vscode.Disposable[] = [];
  private timer: NodeJS.Timeout | undefined;
  private readonly selectionChanged = new vscode.EventEmitter<void>();
  readonly onDidChangeSelection = this.selectionChanged.event;
  readonly snapshot: InvestigateSnapshot = { posted: [] };

  constructor(
    readonly extensionUri: vscode.Uri,
    private readonly coordinator: ScanCoordinator,
    private readonly diagnostics: DiagnosticsPresenter,
    private readonly log: Logger,
  ) {
    this.subscriptions.push(coordinator.onDidChange(() => this.scheduleUpdate()));
  }

  get title(): string {
    return this.model ? `Investigate ${this.model.key}` : 'Investigate';
  }

  get current(): { name: string; version: string } | undefined {
    return this.selected;
  }

  attach(webview: vscode.Webview): PageSurface {
    const surface = new PageSurface(webview, this);
    this.surfaces.add(surface);
    surface.load();
    return surface;
  }

  pageFailed(reason: string): void {
    this.log.error(`Investigate: ${reason}`);
  }

  detach(surface: PageSurface): void {
    this.surfaces.delete(surface);
  }

  /** Shows a package on every surface (the caller reveals one). */
  show(name: string, version: string): void {
    this.selected = { name, version };
    this.modelJson = '';
    this.rebuild();
    this.selectionChanged.fire();
  }

  private stateOf(selected: { name: string; version: string }): PackageState {
    return this.coordinator.states.get(`${selected.name}@${selected.version}`) ?? { name: selected.name, ...(selected.version ? { version: selected.version } : {}) };
  }

  private scheduleUpdate(): void {
    if (!this.selected || this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.rebuild();
    }, 200);
  }

  /** Builds the model again; posts it only when it changed. */
  private rebuild(): void {
    if (!this.selected) return;
    const model = buildInvestigateModel(this.stateOf(this.selected));
    const json = JSON.stringify(model);
    if (json === this.modelJson) return;
    this.model = model;
    this.modelJson = json;
    for (const surface of this.surfaces) if (surface.ready) void this.sendModel(surface);
  }

  private async sendModel(surface: PageSurface): Promise<void> {
    const model = this.model;
    if (!model) {
      await this.post(surface, { type: 'empty', message: EMPTY });
      return;
    }
    if (!(await this.post(surface, { type: 'show', protocol: PROTOCOL_VERSION, model }))) return;
    const excerpts = await this.excerptsFor(model);
    // The package shown may have changed while files were read.
    if (excerpts.length && this.model?.key === model.key && surface.ready) await this.post(surface, { type: 'excerpts', key: model.key, excerpts });
  }

  private async post(surface: PageSurface, message: HostMessage): Promise<boolean> {
    const delivered = await surface.webview.postMessage(message);
    if (!delivered) return false;
    const s = this.snapshot;
    s.posted = [...s.posted, message.type].slice(-30);
    if (message.type === 'show') {
      const items = message.model.evidence.flatMap((g) => g.items);
      s.model = { key: message.model.key, verdict: message.model.banner.verdict, evidenceCount: items.length, evidence: items.map((i) => ({ ...(i.file ? { file: i.file } : {}), ...(i.line ? { line: i.line } : {}) })) };
      delete s.excerpts;
    }
    if (message.type === 'excerpts') s.excerpts = { key: message.key, lineCounts: message.excerpts.map((e) => e.excerpt.lines.length) };
    return true;
  }

  /** A few lines around each top evidence item, read from the package (at most 30 items, 10 files). */
  private async excerptsFor(model: InvestigateModel): Promise<Excerpts> {
    const pkg = this.selected;
    const state = pkg ? this.stateOf(pkg) : undefined;
    const result = state?.result;
    if (!pkg || !state || !result || !pkg.version) return [];
    const cached = this.excerptCache.get(result);
    if (cached) return cached;
    const plan = planExcerpts(model);
    if (!plan.items.length) return [];
    const origin = this.coordinator.origins.get(`${pkg.name}@${pkg.version}`);
    const settings = origin?.settings ?? this.coordinator.settingsFor().scan;
    const texts = new Map<string, string>();
    for (const shownPath of plan.files) {
      const path = packagePathFor(state, shownPath);
      if (path === undefined) continue;
      try {
        const file = await this.coordinator.readPackageFile({ name: pkg.name, version: pkg.version, path, settings, ...(origin?.localPath ? { source: origin.localPath } : {}) });
        if (file.text !== undefined) texts.set(shownPath, file.text);
      } catch (error) {
        this.log.warn(`Investigate: could not read ${path} of ${model.key}: ${(error as Error).message}`);
      }
    }
    const excerpts: Excerpts = [];
    for (const item of plan.items) {
      const text = texts.get(item.file);
      if (text === undefined) continue;
      excerpts.push({ id: item.id, excerpt: contextExcerpt(text, item.line, item.column, { before: CONTEXT_LINES, after: CONTEXT_LINES, language: languageFor(item.file) }) });
    }
    this.excerptCache.set(result, excerpts);
    return excerpts;
  }

  /** Every message from a page, validated first; a message about another package is dropped. */
  async receive(surface: PageSurface, raw: unknown): Promise<void> {
    const message = parsePageMessage(raw);
    if (!message) {
      this.log.warn('Investigate: ignored a malformed message from the page');
      return;
    }
    const state = this.selected ? this.stateOf(this.selected) : undefined;
    const intent = intentFor(message, {
      model: this.model,
      pkg: this.selected,
      result: state?.result,
      resolvePath: (shown) => (state ? packagePathFor(state, shown) : undefined),
      ...this.allowUri(),
    });
    try {
      await this.perform(surface, intent);
    } catch (error) {
      this.log.error(`Investigate: ${intent.kind} failed: ${(error as Error).message}`);
    }
  }

  private allowUri(): { allowUri?: string } {
    const pkg = this.selected;
    if (!pkg) return {};
    for (const [file, list] of this.diagnostics.data) if (list.some((d) => d.name === pkg.name && d.version === pkg.version)) return { allowUri: file };
    return {};
  }

  private async perform(surface: PageSurface, intent: PageIntent): Promise<void> {
    const model = this.model;
    switch (intent.kind) {
      case 'ready':
        surface.ready = true;
        await this.sendModel(surface);
        return;
      case 'openExternal':
        await vscode.env.openExternal(vscode.Uri.parse(intent.url, true));
        return;
      case 'command':
        await vscode.commands.executeCommand(intent.command, intent.args);
        return;
      case 'patch': {
        if (!model) return;
        if (intent.patch === undefined) {
          await this.post(surface, { type: 'patch', key: model.key, path: intent.path, lines: [], truncated: false, ...(intent.note ? { note: intent.note } : {}) });
          return;
        }
        const { lines, truncated } = patchLines(intent.patch);
        await this.post(surface, { type: 'patch', key: model.key, path: intent.path, lines, truncated });
        return;
      }
      case 'rescan':
        if (this.selected) void this.coordinator.rescan(`${this.selected.name}@${this.selected.version}`);
        return;
      case 'copyIndicators':
        await vscode.env.clipboard.writeText(intent.json);
        vscode.window.setStatusBarMessage('Takedown: indicators copied as JSON', 4000);
        return;
      case 'ignore':
        this.log.info(`Investigate: ignored a page message (${intent.why})`);
        return;
    }
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    for (const s of this.subscriptions) s.dispose();
    for (const s of [...this.surfaces]) s.dispose();
    this.selectionChanged.dispose();
  }
}
