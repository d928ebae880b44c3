// Live validation of an OSV draft open in the editor: the engine's validateRecord, its JSON paths
// mapped to offsets in the document text with jsonc-parser. Pure (no vscode): the editor turns the
// offsets into ranges.
import { findNodeAtLocation, parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';
import { ASSIGNED_RECORD_FILE, NEW_RECORD_FILE, newRecordPath, recordDirectory } from '../../engine/report/repositoryPath';
import { validateRecord, type PathSegment } from '../../engine/report/validate';

export interface RecordProblem {
  severity: 'error' | 'warning';
  code: string;
  message: string;
  /** `$.affected[0].versions[1]`, or '' for a syntax error. */
  path: string;
  offset: number;
  length: number;
}

export interface RecordDiagnosticsOptions {
  /** The record's path in the repository (checked against the package name). */
  filePath?: string;
  kind?: 'new' | 'existing';
}

/** Every problem of the draft text: one syntax error when it does not parse, else the validator's findings. */
export function recordDiagnostics(text: string, options: RecordDiagnosticsOptions = {}): RecordProblem[] {
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { allowTrailingComma: false, disallowComments: true });
  if (errors.length || !root) {
    const first = errors[0];
    const offset = first ? first.offset : 0;
    const what = first ? printParseErrorCode(first.error) : 'empty document';
    return [{ severity: 'error', code: 'json-syntax', message: `The draft is not valid JSON (${what}); fix it before it can be checked or submitted.`, path: '', offset: Math.min(offset, text.length), length: first ? Math.max(1, first.length) : Math.max(0, Math.min(1, text.length)) }];
  }
  let record: unknown;
  try {
    record = JSON.parse(text);
  } catch (error) {
    return [{ severity: 'error', code: 'json-syntax', message: `The draft is not valid JSON (${(error as Error).message}).`, path: '', offset: 0, length: Math.min(1, text.length) }];
  }
  const result = validateRecord(record, { ...(options.filePath ? { filePath: options.filePath } : {}), kind: options.kind ?? 'new' });
  return [...result.errors, ...result.warnings].map((d) => {
    const node = nodeFor(root, d.segments);
    return { severity: d.severity, code: d.code, message: d.message, path: d.path, offset: node.offset, length: node.length };
  });
}

/** The node at the path, or its deepest existing ancestor (a missing field is reported on its parent object). */
export function nodeFor(root: Node, segments: readonly PathSegment[]): Node {
  for (let n = segments.length; n > 0; n--) {
    const node = findNodeAtLocation(root, segments.slice(0, n) as PathSegment[]);
    if (node) return node;
  }
  return root;
}

/** Where a draft belongs: derived from the record and the draft's file name, so a draft reopened after a restart still knows. */
export interface DraftTarget {
  packageName: string;
  versions: string[] | 'all';
  details: string;
  /** `osv/malicious/npm/<name>/MAL-0000-<name>-<version>.json`, or the existing record's path for an update. */
  path: string;
  /** `update`: the draft is an existing record with additions, committed over that file. */
  mode: 'new' | 'update';
  /** The record being updated (`MAL-2025-1234`, or a pending file's `MAL-0000-...` stem). */
  existingId?: string;
  /** How the validator reads it: an assigned record is `existing` (id, summary and origins allowed). */
  kind: 'new' | 'existing';
}

/**
 * An update draft's file name carries the record it replaces: `update~MAL-2025-1234.json`, then
 * `update~MAL-2025-1234~2.json` ... (`~` appears in no record file name, so the stem reads back
 * unambiguously).
 */
const UPDATE_DRAFT = /^update~(MAL-[A-Za-z0-9-]+)(?:~\d+)?\.json$/;

export function updateDraftFileName(existingFile: string, n = 1): string {
  const file = existingFile.slice(existingFile.lastIndexOf('/') + 1);
  if (!ASSIGNED_RECORD_FILE.test(file) && !NEW_RECORD_FILE.test(file)) throw new Error(`Not a record file name: ${JSON.stringify(file.slice(0, 80))}`);
  return `update~${file.replace(/\.json$/, '')}${n > 1 ? `~${n}` : ''}.json`;
}

/** The existing record a draft file updates, from its name (`update~MAL-2025-1234.json` -> `MAL-2025-1234`). */
export function updatedRecordOf(draftFile: string): string | undefined {
  return UPDATE_DRAFT.exec(draftFile.slice(draftFile.lastIndexOf('/') + 1))?.[1];
}

export function draftTarget(record: unknown, draftFile = ''): DraftTarget | undefined {
  const r = record as { details?: unknown; affected?: { package?: { name?: unknown }; versions?: unknown; ranges?: unknown }[] } | null;
  const affected = Array.isArray(r?.affected) ? r.affected[0] : undefined;
  const name = affected?.package?.name;
  if (typeof name !== 'string' || !name) return undefined;
  const versions = Array.isArray(affected?.versions) ? affected.versions.filter((v): v is string => typeof v === 'string') : [];
  const all = !versions.length && Array.isArray(affected?.ranges) && affected.ranges.length > 0;
  const details = typeof r?.details === 'string' ? r.details : '';
  const existingId = updatedRecordOf(draftFile);
  try {
    if (existingId) {
      const kind = ASSIGNED_RECORD_FILE.test(`${existingId}.json`) ? 'existing' : 'new';
      return { packageName: name, versions: all ? 'all' : versions, details, path: `${recordDirectory(name)}/${existingId}.json`, mode: 'update', existingId, kind };
    }
    return { packageName: name, versions: all ? 'all' : versions, details, path: newRecordPath(name, all ? 'all-versions' : versions[0]), mode: 'new', kind: 'new' };
  } catch {
    return undefined;
  }
}

/** The draft's file name under the extension's storage: `reports/<safe name>.json`. */
export function draftFileName(name: string, version: string): string {
  const safe = `${name}-${version}`.replace(/[^A-Za-z0-9.-]+/g, '-').replace(/^[-.]+|[-.]+$/g, '').slice(0, 120);
  return `${safe || 'report'}.json`;
}
