import type { ScanResult } from '../../engine/scan/result';
import type { InvestigateModel, PageMessage } from './investigate/protocol';

/** What the host does for a page message, decided without VS Code so every refusal can be tested. */
export type PageIntent =
  | { kind: 'ready' }
  | { kind: 'openExternal'; url: string }
  | { kind: 'command'; command: string; args: Record<string, unknown> }
  | { kind: 'patch'; path: string; patch?: string; note?: string }
  | { kind: 'rescan' }
  | { kind: 'copyIndicators'; json: string }
  | { kind: 'ignore'; why: string };

export interface IntentContext {
  model: InvestigateModel | undefined;
  /** The package as the store names it (the model shows a made-visible, capped form). */
  pkg: { name: string; version: string } | undefined;
  result: ScanResult | undefined;
  /** The package path behind a path as the model shows it (see `packagePathFor`). */
  resolvePath(shown: string): string | undefined;
  /** The dependency file that lists this version, for the resource-scoped allow list. */
  allowUri?: string;
}

/** A link the host built, looked up by id and checked to be https once more. */
export function linkUrl(model: InvestigateModel, id: string | undefined): string | undefined {
  if (!id) return undefined;
  const url = model.links.find((l) => l.id === id)?.url;
  if (!url) return undefined;
  try {
    return new URL(url).protocol === 'https:' ? url : undefined;
  } catch {
    return undefined;
  }
}

/** Only a path the scan itself listed (a file of the package or a finding's file) is opened. */
export function isPackagePath(result: ScanResult | undefined, path: string): boolean {
  if (!result) return false;
  return result.files.some((f) => f.path === path) || result.findings.some((f) => f.file === path);
}

/**
 * Maps a validated page message to what the host should do. Messages about another package than
 * the one shown (a page that has not caught up yet) are ignored.
 */
export function intentFor(message: PageMessage, ctx: IntentContext): PageIntent {
  if (message.type === 'ready') return { kind: 'ready' };
  const { model, result, pkg } = ctx;
  if (!model || !pkg || message.key !== model.key) return { kind: 'ignore', why: 'not the package shown' };
  switch (message.type) {
    case 'openLink': {
      const url = linkUrl(model, message.id);
      return url ? { kind: 'openExternal', url } : { kind: 'ignore', why: 'unknown link' };
    }
    case 'openFile': {
      const path = ctx.resolvePath(message.path);
      if (path === undefined || !isPackagePath(result, path)) return { kind: 'ignore', why: 'not a file of this package' };
      return { kind: 'command', command: 'takedown.openPackageFile', args: { ...pkg, path, line: message.line ?? 1 } };
    }
    case 'requestPatch': {
      const path = ctx.resolvePath(message.path);
      const changed = path === undefined ? undefined : result?.diff?.changed.find((c) => c.path === path);
      if (!changed) return { kind: 'ignore', why: 'not a changed file' };
      // Answered under the path the page asked about, which is how the page knows it.
      if (changed.patch === undefined) return { kind: 'patch', path: message.path, note: changed.patchSkipped ?? 'no patch for this file' };
      return { kind: 'patch', path: message.path, patch: changed.patch };
    }
    case 'action':
      if (!model.actions[message.action]) return { kind: 'ignore', why: `${message.action} is not offered for this package` };
      switch (message.action) {
        case 'report':
          return { kind: 'command', command: 'takedown.reportToOsv', args: pkg };
        case 'allow':
          return { kind: 'command', command: 'takedown.allowVersion', args: { ...pkg, ...(ctx.allowUri ? { uri: ctx.allowUri } : {}) } };
        case 'openNpm': {
          const url = linkUrl(model, model.npmLink);
          return url ? { kind: 'openExternal', url } : { kind: 'ignore', why: 'no npm link' };
        }
        case 'rescan':
          return { kind: 'rescan' };
        case 'copyIndicators':
          return { kind: 'copyIndicators', json: model.indicators.json };
      }
  }
  return { kind: 'ignore', why: 'unknown message' };
}
