import { readFileSync, statSync } from 'node:fs';
import Module from 'node:module';
import { after } from 'node:test';
import path from 'node:path';

export interface FakeOptions {
  /** User-level setting values (relative keys, e.g. `scan.scope`); mutable between calls. */
  user?: Record<string, unknown>;
  /** The one workspace folder (a real folder when files are read). */
  folder?: string;
  /** What findFiles answers. */
  files?: () => string[];
}

/**
 * Just enough of the `vscode` module for activate() to wire itself up outside VS Code, recording
 * what it was asked to do. Anything activate() must not touch (findFiles, fs) is recorded too, so a
 * test can assert it was not called.
 */
export function createFakeVscode(defaults: Record<string, unknown>, options: FakeOptions = {}) {
  const calls: string[] = [];
  const diagnostics = new Map<string, FakeDiagnostic[]>();
  const user = options.user ?? {};
  const folderPath = options.folder ?? '/fake/workspace';
  const record = (name: string) => calls.push(name);
  const disposable = () => ({ dispose() {} });
  class EventEmitter<T> {
    private listeners: ((e: T) => void)[] = [];
    event = (listener: (e: T) => void) => {
      this.listeners.push(listener);
      return disposable();
    };
    fire(e: T) {
      for (const l of this.listeners) l(e);
    }
    dispose() {
      this.listeners = [];
    }
  }
  class Disposable {
    constructor(private readonly fn: () => void) {}
    dispose() {
      this.fn();
    }
  }
  const uri = (fsPath: string) => ({ fsPath, path: fsPath, scheme: 'file', toString: () => `file://${fsPath}` });
  const folder = { uri: uri(folderPath), name: 'workspace', index: 0 };
  class Position {
    constructor(
      readonly line: number,
      readonly character: number,
    ) {}
  }
  class Range {
    readonly start: Position;
    readonly end: Position;
    constructor(sl: number, sc: number, el: number, ec: number) {
      this.start = new Position(sl, sc);
      this.end = new Position(el, ec);
    }
  }
  class Diagnostic {
    source?: string;
    code?: unknown;
    relatedInformation?: unknown[];
    constructor(
      readonly range: Range,
      readonly message: string,
      readonly severity: number,
    ) {}
  }
  const vscode = {
    EventEmitter,
    Disposable,
    Position,
    Range,
    Diagnostic,
    Location: class {
      constructor(
        readonly uri: unknown,
        readonly range: unknown,
      ) {}
    },
    DiagnosticRelatedInformation: class {
      constructor(
        readonly location: unknown,
        readonly message: string,
      ) {}
    },
    ThemeColor: class {
      constructor(readonly id: string) {}
    },
    ThemeIcon: class {
      constructor(
        readonly id: string,
        readonly color?: unknown,
      ) {}
    },
    TreeItem: class {
      constructor(
        readonly label: string,
        readonly collapsibleState?: number,
      ) {}
    },
    TreeItemCollapsibleState: { None: 0, Collapsed: 1, Expanded: 2 },
    ViewColumn: { Active: -1, Beside: -2, One: 1 },
    RelativePattern: class {
      constructor(
        readonly base: unknown,
        readonly pattern: string,
      ) {}
    },
    DiagnosticSeverity: { Error: 0, Warning: 1, Information: 2, Hint: 3 },
    CodeActionKind: { QuickFix: { value: 'quickfix' } },
    StatusBarAlignment: { Left: 1, Right: 2 },
    ProgressLocation: { SourceControl: 1, Window: 10, Notification: 15 },
    ExtensionMode: { Production: 1, Development: 2, Test: 3 },
    ConfigurationTarget: { Global: 1, Workspace: 2, WorkspaceFolder: 3 },
    FileSystemError: class extends Error {},
    Uri: {
      joinPath: (base: { fsPath: string }, ...parts: string[]) => uri(path.join(base.fsPath, ...parts)),
      file: (p: string) => uri(p),
      parse: (s: string) => uri(s.replace(/^file:\/\//, '')),
      from: (c: { scheme: string; path: string }) => ({ ...uri(c.path), scheme: c.scheme }),
    },
    window: {
      createOutputChannel: (name: string) => {
        record(`createOutputChannel:${name}`);
        return { info() {}, warn() {}, error() {}, debug() {}, show() {}, dispose() {} };
      },
      createStatusBarItem: () => {
        record('createStatusBarItem');
        return { show: () => record('statusBar.show'), hide() {}, dispose() {}, text: '', tooltip: '', command: '' };
      },
      withProgress: () => Promise.resolve(),
      createTreeView: (id: string) => {
        record(`createTreeView:${id}`);
        return { badge: undefined, dispose() {} };
      },
      registerWebviewViewProvider: (id: string) => {
        record(`registerWebviewViewProvider:${id}`);
        return disposable();
      },
      showInformationMessage: () => Promise.resolve(undefined),
      activeTextEditor: undefined,
      onDidChangeActiveTextEditor: disposable,
    },
    workspace: {
      isTrusted: true,
      workspaceFolders: [folder],
      textDocuments: [],
      getConfiguration: () => ({
        inspect: (key: string) => (`takedown.${key}` in defaults ? { defaultValue: defaults[`takedown.${key}`], globalValue: user[key] } : undefined),
        get: (_key: string, fallback: unknown) => fallback,
      }),
      getWorkspaceFolder: (u: { fsPath: string }) => (u.fsPath.startsWith(folderPath + path.sep) ? folder : undefined),
      createFileSystemWatcher: (pattern: { pattern: string }) => {
        record(`createFileSystemWatcher:${pattern.pattern}`);
        return { onDidCreate: disposable, onDidChange: disposable, onDidDelete: disposable, dispose() {} };
      },
      findFiles: async () => {
        record('findFiles');
        return (options.files?.() ?? []).map(uri);
      },
      fs: {
        readFile: async (u: { fsPath: string }) => {
          record('fs.readFile');
          return new Uint8Array(readFileSync(u.fsPath));
        },
        stat: async (u: { fsPath: string }) => {
          record('fs.stat');
          return { size: statSync(u.fsPath).size };
        },
      },
      asRelativePath: (u: { fsPath: string }) => u.fsPath,
      onDidChangeWorkspaceFolders: disposable,
      onDidChangeTextDocument: disposable,
      onDidOpenTextDocument: disposable,
      onDidCloseTextDocument: disposable,
      onDidSaveTextDocument: disposable,
      onDidChangeConfiguration: disposable,
      onDidGrantWorkspaceTrust: disposable,
      registerTextDocumentContentProvider: (scheme: string) => {
        record(`registerTextDocumentContentProvider:${scheme}`);
        return disposable();
      },
    },
    languages: {
      createDiagnosticCollection: (name: string) => {
        record(`createDiagnosticCollection:${name}`);
        return {
          set: (u: { toString(): string }, list: FakeDiagnostic[]) => void diagnostics.set(u.toString(), list),
          delete: (u: { toString(): string }) => void diagnostics.delete(u.toString()),
          clear: () => diagnostics.clear(),
          dispose() {},
        };
      },
      registerHoverProvider: () => {
        record('registerHoverProvider');
        return disposable();
      },
      registerCodeActionsProvider: () => {
        record('registerCodeActionsProvider');
        return disposable();
      },
      registerCodeLensProvider: () => {
        record('registerCodeLensProvider');
        return disposable();
      },
    },
    commands: {
      registerCommand: (id: string) => {
        record(`registerCommand:${id}`);
        return disposable();
      },
      executeCommand: async () => undefined,
    },
  };
  return { vscode, calls, diagnostics, user };
}

export interface FakeDiagnostic {
  range: { start: { line: number; character: number } };
  message: string;
  severity: number;
  source?: string;
  code?: unknown;
  relatedInformation?: { location: { uri: { scheme: string; path: string }; range: { line: number } }; message: string }[];
}

/**
 * `vscode` exists only inside VS Code: from here until the test file ends, the extension's modules
 * get the fake instead.
 */
export function useFakeVscode(fake: { vscode: unknown }): void {
  const loader = Module as unknown as { _load: (request: string, ...rest: unknown[]) => unknown };
  const originalLoad = loader._load;
  loader._load = function (request: string, ...rest: unknown[]) {
    return request === 'vscode' ? fake.vscode : originalLoad.call(this, request, ...rest);
  };
  after(() => {
    loader._load = originalLoad;
  });
}

/** Every `takedown.*` setting's default, as package.json declares it. */
export function declaredDefaults(root = path.join(__dirname, '../../..')): Record<string, unknown> {
  const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { contributes: { configuration: { properties: Record<string, { default?: unknown }> }[] } };
  return Object.fromEntries(manifest.contributes.configuration.flatMap((section) => Object.entries(section.properties)).map(([key, value]) => [key, value.default]));
}
