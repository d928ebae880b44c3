import type { Node } from '@babel/types';
import { LineIndex } from '../deps/text';
import { sanitiseExcerpt } from './excerpt';
import { isScript, parseSource } from './parseSource';
import { Precheck } from './precheck';
import { Resolver } from './resolver';
import { entryPoints, fileTraits } from './traits';
import type { FileTraits, Finding, JsRule, JsRuleContext, PackageFile, PackageInput, ReportDescriptor, Rule, RuleMeta, Visitor } from './types';
import { FlatTree } from './walk';

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
  for (const trait in meta.skip) if (meta.skip[trait as keyof FileTraits] && traits[trait as keyof FileTraits]) return false;
  return true;
}

interface Handler {
  visit: Visitor;
  rule: { meta: RuleMeta; failed: boolean };
}

/**
 * One pass over the tree flattens it (source order, parent indices) and feeds the resolver every
 * declaration, so hoisted and later bindings resolve; then the rules run over the flat list,
 * dispatched by node type. Everything per file (tree, resolver, tables, contexts) is local here
 * and unreachable once this returns, so at most one file's AST is alive at a time.
 */
function runJsRules(candidates: (Rule & { type: 'js' })[], file: PackageFile, traits: FileTraits, pkg: PackageInput, ast: Node, collector: FileFindings): void {
  const precheck = new Precheck(file.text!);
  const rules = candidates.filter((r) => precheck.canFire(r.meta));
  if (!rules.length) return;
  const tree = FlatTree.of(ast);
  const { nodes } = tree;
  const resolver = new Resolver();
  resolver.observeAll(nodes);

  let current = -1;
  let currentAncestors: Node[] | undefined;
  /** `const x = init` seen so far in source order; null once a name is declared again. */
  const declared = new Map<string, Node | null>();
  const evaluate = (node: Node) => resolver.evaluate(node);
  const nameOf = (node: Node) => resolver.nameOf(node);
  const calleeName = (node: Node) => resolver.calleeName(node);
  // Several rules ask for the ancestors of the same node: build the chain once per node.
  const ancestors = () => (currentAncestors ??= tree.ancestorsOf(current));
  const initOf = (name: string) => declared.get(name) ?? undefined;

  const handlers = new Map<string, Handler[]>();
  for (const rule of rules) {
    const state = { meta: rule.meta, failed: false };
    const context: JsRuleContext = {
      file, traits, pkg, text: file.text!,
      report: (d) => collector.add(rule.meta, d),
      evaluate, nameOf, calleeName, ancestors, initOf,
    };
    let visitors: ReturnType<JsRule['create']>;
    try {
      visitors = rule.create(context);
    } catch (error) {
      collector.push(ruleFailure(rule.meta, error, file.path));
      continue;
    }
    for (const type in visitors) {
      const visit = visitors[type as keyof typeof visitors];
      if (!visit) continue;
      const list = handlers.get(type);
      if (list) list.push({ visit, rule: state });
      else handlers.set(type, [{ visit, rule: state }]);
    }
  }

  for (let i = 0; i < nodes.length; i++) {
    const node = nodes[i]!;
    if (node.type === 'VariableDeclarator' && node.id.type === 'Identifier') {
      const name = node.id.name;
      declared.set(name, declared.has(name) ? null : (node.init ?? null));
    }
    const list = handlers.get(node.type);
    if (!list) continue;
    current = i;
    currentAncestors = undefined;
    for (const h of list) {
      if (h.rule.failed) continue;
      try {
        h.visit(node);
      } catch (error) {
        h.rule.failed = true;
        collector.push(ruleFailure(h.rule.meta, error, file.path));
      }
    }
  }
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
