import { DEFAULT_MAX_BYTES, type DependencyFile, type DependencyFileKind, type ParseOptions, type ParseProblem, type ProblemCode, type SourcePosition, type SourceRange } from './model';

/** Maps string offsets to zero-based line/column; built once per file, O(log n) per lookup. */
export class LineIndex {
  private readonly starts: number[];

  constructor(readonly text: string) {
    const starts = [0];
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
    this.starts = starts;
  }

  get lineCount(): number {
    return this.starts.length;
  }

  position(offset: number): SourcePosition {
    const clamped = Math.max(0, Math.min(offset, this.text.length));
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid]! <= clamped) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, column: clamped - this.starts[lo]! };
  }

  range(offset: number, length: number): SourceRange {
    return { start: this.position(offset), end: this.position(offset + length) };
  }

  lineStart(line: number): number {
    return this.starts[Math.max(0, Math.min(line, this.starts.length - 1))]!;
  }

  /** The range of a whole line without its line break. */
  lineRange(line: number): SourceRange {
    const start = this.lineStart(line);
    let end = line + 1 < this.starts.length ? this.starts[line + 1]! - 1 : this.text.length;
    if (end > start && this.text.charCodeAt(end - 1) === 13) end -= 1;
    return { start: { line, column: 0 }, end: { line, column: end - start } };
  }
}

export function problem(code: ProblemCode, message: string, range: SourceRange, severity: ParseProblem['severity'] = 'error'): ParseProblem {
  return { code, message, severity, range };
}

export const ZERO_RANGE: SourceRange = { start: { line: 0, column: 0 }, end: { line: 0, column: 0 } };

export function fatalFile(kind: DependencyFileKind, problems: ParseProblem[]): DependencyFile {
  return { kind, workspaces: [], entries: [], problems, fatal: true };
}

const CONFLICT_MARKER = /^(<{7}|={7}|>{7})(?:\s|$)/m;

/**
 * The checks every format shares before its parser runs: a size cap (so a 50 MB file costs no
 * parse time) and git conflict markers (which otherwise surface as a confusing syntax error far
 * from the real cause, or worse, parse "successfully" in YAML-like formats).
 */
export function precheck(kind: DependencyFileKind, text: string, options: ParseOptions | undefined): DependencyFile | undefined {
  const maxBytes = options?.maxBytes ?? DEFAULT_MAX_BYTES;
  // Length in UTF-16 units is at most the UTF-8 byte length, so this only counts bytes when it might matter.
  if (text.length > maxBytes || (text.length * 3 > maxBytes && Buffer.byteLength(text, 'utf8') > maxBytes)) {
    const size = Buffer.byteLength(text, 'utf8');
    return fatalFile(kind, [problem('E_TOO_LARGE', `File is ${formatBytes(size)}, over the ${formatBytes(maxBytes)} limit for dependency files; it was not parsed.`, ZERO_RANGE)]);
  }
  const marker = CONFLICT_MARKER.exec(text);
  if (marker) {
    const index = new LineIndex(text);
    const start = index.position(marker.index);
    return fatalFile(kind, [problem('E_CONFLICT', `Unresolved merge conflict marker "${marker[1]}" at line ${start.line + 1}; resolve the conflict so the dependencies can be read.`, index.lineRange(start.line))]);
  }
  return undefined;
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MiB`;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
