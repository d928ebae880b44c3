import type { Node } from '@babel/types';
import { LineIndex } from '../deps/text';
import { sanitiseExcerpt } from './excerpt';
import { isScript, parseSource } from './parseSource';
import { Resolver } from './resolver';
import { entryPoints, fileTraits } from './traits';
import type { FileTraits, Finding, JsRule, JsRuleContext, PackageFile, PackageInput, ReportDescriptor, Rule, RuleMeta, Visitor } from './types';
import { walk } from './walk';

export interface FileSummary {
  path: string;
  size: number;
  binary: boolean;
  truncated: boolean;
  /** `true` parsed, `false` a script that did not parse, `undefined` not a script. */
  parsed?: boolean;
  parseError?: string;
  traits: FileTraits;
}

export interface PackageAnalysis {
  findings: Finding[];
  files: FileSummary[];
}

const DEFAULT_MAX_PER_FILE = 3;
const EXCERPT_WIDTH = 160;

/**
 * Runs every rule over a package: each script is parsed once and all JS rules share one
 * traversal; text rules read every text file (including scripts that did not parse); package
 * rules see the manifest and the file list. A rule that throws is reported under its own id and
 * the others carry on.
 */
export function analyzePackage(pkg: PackageInput, rules: readonly Rule[]): PackageAnalysis {
  const findings: Finding[] = [];
  const files: FileSummary[] = [];
  const entries = entryPoints(pkg);
  const jsRules = rules.filter((r): r is Rule & { type: 'js' } => r.type === 'js');
  const textRules = rules.filter((r): r is Rule & { type: 'text' } => r.type === 'text');
  const packageRules = rules.filter((r): r is Rule & { type: 'package' } => r.type === 'package');

  for (const file of pkg.files) {
    const traits = fileTraits(file, entries);
    const summary: FileSummary = { path: file.path, size: file.size, binary: file.binary, truncated: file.truncated, traits };
    files.push(summary);
    if (file.text === undefined) continue;
    const collector = new FileFindings(file, file.text);
    let parsed = false;
    if (isScript(file.path)) {
      const result = parseSource(file.text, file.path);
      summary.parsed = parsed = result.ok;
      if (result.ok) runJsRules(jsRules.filter((r) => applies(r.meta, traits)), file, traits, pkg, result.ast, collector);
      else summary.parseError = result.message;
    }
    for (const rule of textRules) {
      if (!applies(rule.meta, traits) || (rule.appliesTo && !rule.appliesTo(file, traits))) continue;
      guarded(rule.meta, collector, () =>
        rule.check({ file, traits, pkg, text: file.text!, parsed, report: (d) => collector.add(rule.meta, d) }),
      );
    }
    findings.push(...collector.findings);
  }

  for (const rule of packageRules) {
    const sink = { findings: [] as Finding[] };
    try {
      rule.check({
        pkg,
        report: (d) => {
          sink.findings.push({
            rule: rule.meta.id, kind: rule.meta.kind, category: rule.meta.category, severity: d.severity ?? rule.meta.severity, message: d.message,
            ...(d.file !== undefined ? { file: d.file } : {}), ...(d.line !== undefined ? { line: d.line } : {}), ...(d.column !== undefined ? { column: d.column } : {}),
            ...(d.excerpt !== undefined ? { excerpt: sanitiseExcerpt(d.excerpt.slice(0, EXCERPT_WIDTH * 2)) } : {}), ...(d.indicators?.length ? { indicators: d.indicators } : {}),
          });
        },
      });
    } catch (error) {
      sink.findings.push(ruleFailure(rule.meta, error));
    }
    findings.push(...sink.findings);
  }
  return { findings, files };
}

function applies(meta: RuleMeta, traits: FileTraits): boolean {
  if (!meta.skip) return true;
  for (const [trait, skip] of Object.entries(meta.skip)) if (skip && traits[trait as keyof FileTraits]) return false;
  return true;
}

function runJsRules(rules: (Rule & { type: 'js' })[], file: PackageFile, traits: FileTraits, pkg: PackageInput, ast: Node, collector: FileFindings): void {
  if (!rules.length) return;
  const resolver = new Resolver();
  const parents = new Map<Node, Node>();
  let current: Node | undefined;
  const handlers = new Map<string, { meta: RuleMeta; visit: Visitor }[]>();
  for (const rule of rules) {
    const context: JsRuleContext = {
      file, traits, pkg, text: file.text!,
      report: (d) => collector.add(rule.meta, d),
      evaluate: (node) => resolver.evaluate(node),
      nameOf: (node) => resolver.nameOf(node),
      calleeName: (node) => resolver.calleeName(node),
      ancestors: () => ancestorsOf(current, parents),
    };
    let visitors: ReturnType<JsRule['create']> = {};
    guarded(rule.meta, collector, () => {
      visitors = rule.create(context);
    });
    for (const [type, visit] of Object.entries(visitors)) {
      if (!visit) continue;
      const list = handlers.get(type);
      if (list) list.push({ meta: rule.meta, visit });
      else handlers.set(type, [{ meta: rule.meta, visit }]);
    }
  }
  // One traversal: the resolver learns every declaration (so hoisted and later bindings resolve)
  // while the nodes rules care about are queued; rules then run over the queue in source order.
  const queue: Node[] = [];
  walk(ast, (node, stack) => {
    resolver.observe(node);
    const parent = stack[stack.length - 1];
    if (parent) parents.set(node, parent);
    if (handlers.has(node.type)) queue.push(node);
  });
  const failed = new Set<string>();
  for (const node of queue) {
    current = node;
    for (const h of handlers.get(node.type)!) {
      if (failed.has(h.meta.id)) continue;
      try {
        h.visit(node);
      } catch (error) {
        failed.add(h.meta.id);
        collector.push(ruleFailure(h.meta, error, file.path));
      }
    }
  }
}

function ancestorsOf(node: Node | undefined, parents: Map<Node, Node>): Node[] {
  const chain: Node[] = [];
  for (let p = node && parents.get(node); p; p = parents.get(p)) chain.push(p);
  return chain.reverse();
}

function guarded(meta: RuleMeta, collector: FileFindings, run: () => void): void {
  try {
    run();
  } catch (error) {
    collector.push(ruleFailure(meta, error, collector.file.path));
  }
}

function ruleFailure(meta: RuleMeta, error: unknown, file?: string): Finding {
  return {
    rule: meta.id, kind: meta.kind, category: 'package', severity: 'info',
    message: `Rule ${meta.id} failed (E_RULE): ${error instanceof Error ? error.message : String(error)}`,
    ...(file !== undefined ? { file } : {}),
  };
}

class FileFindings {
  readonly findings: Finding[] = [];
  private readonly perRule = new Map<string, number>();
  private index: LineIndex | undefined;

  constructor(readonly file: PackageFile, private readonly text: string) {}

  add(meta: RuleMeta, d: Omit<ReportDescriptor, 'node'> & { node?: Node }): void {
    const count = this.perRule.get(meta.id) ?? 0;
    if (count >= (meta.maxPerFile ?? DEFAULT_MAX_PER_FILE)) return;
    this.perRule.set(meta.id, count + 1);
    const offset = d.node?.start ?? d.offset ?? 0;
    this.index ??= new LineIndex(this.text);
    const pos = this.index.position(offset);
    const finding: Finding = {
      rule: meta.id, kind: meta.kind, category: meta.category, severity: d.severity ?? meta.severity, message: d.message,
      file: this.file.path, line: pos.line + 1, column: pos.column + 1, excerpt: this.excerpt(pos.line, pos.column),
    };
    if (d.indicators?.length) finding.indicators = d.indicators;
    this.findings.push(finding);
  }

  push(finding: Finding): void {
    this.findings.push(finding);
  }

  private excerpt(line: number, column: number): string {
    const range = this.index!.lineRange(line);
    const start = this.index!.lineStart(line);
    const full = this.text.slice(start, start + range.end.column);
    if (full.length <= EXCERPT_WIDTH) return sanitiseExcerpt(full.trim());
    const from = Math.max(0, Math.min(column - Math.floor(EXCERPT_WIDTH / 3), full.length - EXCERPT_WIDTH));
    return sanitiseExcerpt(`${from > 0 ? '…' : ''}${full.slice(from, from + EXCERPT_WIDTH).trim()}${from + EXCERPT_WIDTH < full.length ? '…' : ''}`);
  }
}
