import semver from 'semver';
import type { VerdictName } from '../../../engine/analysis/score';
import type { KnownMalwareRecord } from '../../../engine/intel/types';
import type { ScanResult } from '../../../engine/scan/result';
import { osvRecordUrl, verdictView, type PackageState } from '../verdictView';
import { diffView } from './diffView';
import { evidenceGroups, MAX_EVIDENCE } from './evidenceView';
import { DEFAULT_MAX_FILES, filesView } from './filesView';
import { hasIndicators, indicatorsView } from './indicatorsView';
import { LinkTable, npmPackageUrl } from './links';
import type { ActionName, BannerView, InvestigateModel, KnownRecordView } from './protocol';
import { registryView } from './registryView';
import { CAP, listOf, shown, shownOptional } from './shownText';

const MAX_RECORDS = 50;
const MAX_SKIPPED = 50;

/** The version the package is pinned to, when there is one (locked, or resolved by a scan that got that far). */
export function exactVersionOf(state: PackageState): string | undefined {
  const candidate = state.version ?? (state.result && !state.result.error ? state.result.version : undefined);
  // Build metadata (`+build.7`) is allowed, as a lockfile may keep it; a `v` or `=` prefix is not how npm writes versions.
  return typeof candidate === 'string' && /^\d\S*$/.test(candidate) && semver.valid(candidate) !== null ? candidate : undefined;
}

/** Every record naming this version, live ones first; withdrawn ones stay listed (marked) but never count. */
function allRecords(state: PackageState): KnownMalwareRecord[] {
  const records = [...(state.knownMalware?.status === 'hit' ? listOf(state.knownMalware.records) : []), ...listOf(state.result?.knownMalware)].filter(
    (r): r is KnownMalwareRecord => !!r && typeof r === 'object' && typeof (r as KnownMalwareRecord).id === 'string',
  );
  const unique = [...new Map(records.map((r) => [r.id, r])).values()];
  return [...unique.filter((r) => !r.withdrawn), ...unique.filter((r) => r.withdrawn)].slice(0, MAX_RECORDS);
}

function recordView(record: KnownMalwareRecord, links: LinkTable): KnownRecordView {
  const view: KnownRecordView = { id: shown(record.id, CAP.label), summary: shown(record.summary, CAP.reason) };
  const link = links.add('osv', osvRecordUrl(record.id));
  if (link) view.link = link;
  const published = shownOptional(record.published, CAP.date);
  if (published) view.published = published;
  const withdrawn = shownOptional(record.withdrawn, CAP.date);
  if (withdrawn) view.withdrawn = withdrawn;
  return view;
}

function pendingReason(state: PackageState): string {
  return state.pending ? 'Scan in progress.' : 'Not scanned yet.';
}

function banner(state: PackageState, links: LinkTable, evidenceCount: number): BannerView {
  const view = verdictView(state);
  const result = state.result;
  const skipped = listOf(result?.skipped).slice(0, MAX_SKIPPED).map((s) => shown(s, CAP.reason));
  if (evidenceCount > MAX_EVIDENCE) skipped.push(`Evidence shows the first ${MAX_EVIDENCE} of ${evidenceCount} findings.`);
  const out: BannerView = {
    verdict: view?.verdict ?? 'unknown',
    reason: shown(view?.reason ?? pendingReason(state), CAP.reason),
    records: allRecords(state).map((r) => recordView(r, links)),
    skipped,
    pending: state.pending === true,
  };
  if (typeof view?.score === 'number' && Number.isFinite(view.score)) out.score = view.score;
  const removed = result?.registry?.removedByNpm;
  if (removed?.probably) out.removedByNpm = shown(removed.reason || 'probably removed by npm', CAP.reason);
  if (view?.lookupUnavailable) out.lookupUnavailable = shown(view.lookupUnavailable, CAP.reason);
  if (result?.error) out.error = shown(`${result.error.message} (${result.error.code})`, CAP.reason);
  const integrity = shownOptional(result?.integrity, CAP.integrity);
  if (integrity) out.integrity = integrity;
  return out;
}

function actions(name: string, exactVersion: string | undefined, verdict: VerdictName, liveRecords: number, npmLink: string | undefined, indicators: boolean): Record<ActionName, boolean> {
  return {
    report: exactVersion !== undefined && (verdict === 'malicious' || liveRecords > 0),
    allow: exactVersion !== undefined && verdict !== 'clean',
    openNpm: npmLink !== undefined,
    rescan: name.length > 0,
    copyIndicators: indicators,
  };
}

/**
 * Everything the Investigate page shows for one package, built from what the editor knows about it.
 * Pure: every string from the package is capped and has its invisible characters made visible, and
 * the only URLs are https links built here (npm, osv.dev, rule pages, a forge repository).
 */
export function buildInvestigateModel(state: PackageState, options: { maxFiles?: number } = {}): InvestigateModel {
  const links = new LinkTable();
  const result: ScanResult | undefined = state.result;
  const rawName = typeof state.name === 'string' ? state.name : '';
  const exactVersion = exactVersionOf(state);
  const rawVersion = exactVersion ?? state.version ?? state.spec ?? result?.version ?? '';
  const name = shown(rawName, CAP.name);
  const version = shown(rawVersion, CAP.version);
  const findings = listOf(verdictView(state)?.findings ?? result?.findings) as ScanResult['findings'];

  const bannerView = banner(state, links, findings.length);
  const evidence = evidenceGroups(findings, links, exactVersion !== undefined);
  const indicators = indicatorsView(findings, name, version);
  const npmLink = rawName ? links.add('npm', npmPackageUrl(rawName, exactVersion)) : undefined;

  const model: InvestigateModel = {
    key: `${name}@${version}`,
    name,
    version,
    banner: bannerView,
    evidence,
    indicators,
    links: links.links,
    actions: actions(rawName, exactVersion, bannerView.verdict, bannerView.records.filter((r) => !r.withdrawn).length, npmLink, hasIndicators(indicators)),
  };
  if (npmLink) model.npmLink = npmLink;
  if (result && (listOf(result.files).length > 0 || listOf(result.entryPoints).length > 0)) {
    model.files = filesView(listOf(result.files) as ScanResult['files'], findings, result.diff, result.entryPoints, options.maxFiles ?? DEFAULT_MAX_FILES);
  }
  if (result?.diff && typeof result.diff === 'object') model.diff = diffView(result.diff);
  if (result?.registry && typeof result.registry === 'object') {
    const registry = registryView(result.registry, rawVersion);
    const link = links.add('repo', registry.repositoryUrl);
    if (link && registry.view.repository) registry.view.repository.link = link;
    model.registry = registry.view;
  }
  return model;
}

/**
 * The package path behind a path the page sent back (`openFile`, `requestPatch`): the model shows
 * paths with invisible characters escaped and long ones cut, so the host looks the shown form up
 * among the paths the scan knows. Undefined for a path the scan never listed, or one that more than
 * one listed path shows as.
 */
export function packagePathFor(state: PackageState, shownPath: string): string | undefined {
  const result = state.result;
  if (!result) return undefined;
  const candidates = [
    ...listOf(result.files).map((f) => (f as { path?: unknown }).path),
    ...listOf(result.findings).map((f) => (f as { file?: unknown }).file),
    ...listOf(result.diff?.added).map((f) => (f as { path?: unknown }).path),
    ...listOf(result.diff?.changed).map((f) => (f as { path?: unknown }).path),
    ...listOf(result.diff?.removed).map((f) => (f as { path?: unknown }).path),
  ];
  // Two paths can show alike (cut at the cap): then none is chosen, so a decoy is never opened instead.
  const matches = new Set(candidates.filter((c): c is string => typeof c === 'string' && shown(c, CAP.path) === shownPath));
  return matches.size === 1 ? [...matches][0] : undefined;
}

