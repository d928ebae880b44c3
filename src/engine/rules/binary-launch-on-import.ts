import type { Node } from '@babel/types';
import { isExec } from '../analysis/helpers/behaviour-js';
import { executableMagic, type ExecutableKind } from '../analysis/helpers/concealment-content';
import { loadedOnImport, walkLoadTime } from '../analysis/helpers/delivery-load';
import type { PackageInput, Rule } from '../analysis/types';

const MAX_DEPTH = 6;
const LABEL: Record<ExecutableKind, string> = { ELF: 'an ELF executable', PE: 'a Windows executable (PE)', 'Mach-O': 'a Mach-O executable' };

/**
 * Threat: an executable shipped in the package (ELF, PE or Mach-O by its magic bytes) that the
 * package starts while it is being imported. Native addons are loaded with require() and file
 * watchers or notifiers start their helpers when asked to; starting a bundled program as a side
 * effect of `require()` is how a payload runs without any install script.
 */
const rule: Rule = {
  type: 'js',
  meta: {
    id: 'binary-launch-on-import',
    kind: 'threat',
    category: 'binary',
    severity: 'high',
    specificity: 'high',
    description: 'Starts an executable shipped in the package (ELF, PE, Mach-O) as soon as the package is imported.',
    skip: { typeDeclaration: true, test: true },
    maxPerFile: 1,
  },
  create(context) {
    const pkg = context.pkg;
    if (!loadedOnImport(pkg).has(context.file.path)) return {};
    const shipped = executablesOf(pkg).filter((s) => context.text.includes(s.base));
    if (!shipped.length) return {};
    return {
      Program: (program) => {
        const bindings = new Map<string, Node | null>();
        let done = false;
        walkLoadTime(program, context.calleeName, (node) => {
          if (done) return;
          if (node.type === 'VariableDeclarator' && node.id.type === 'Identifier') {
            bindings.set(node.id.name, bindings.has(node.id.name) ? null : (node.init ?? null));
            return;
          }
          if (node.type !== 'CallExpression') return;
          const name = context.calleeName(node);
          if (!isExec(name)) return;
          const strings: string[] = [];
          for (const arg of node.arguments.slice(0, 2)) collectStrings(arg as Node, bindings, strings, 0);
          const hit = shipped.find((s) => strings.some((t) => t === s.base || t.endsWith(`/${s.base}`) || t.endsWith(`\\${s.base}`)));
          if (!hit) return;
          done = true;
          context.report({
            node,
            message: `Starts ${LABEL[hit.kind]} shipped in the package (${hit.path}) with ${name} while the module loads, so it runs as soon as the package is imported.`,
            indicators: [{ type: 'path', value: hit.path }],
          });
        });
      },
    };
  },
};

interface Shipped {
  path: string;
  base: string;
  kind: ExecutableKind;
}

const executables = new WeakMap<PackageInput, Shipped[]>();

/** ELF, PE and Mach-O files in the package, by magic bytes (computed once per package). */
function executablesOf(pkg: PackageInput): Shipped[] {
  let out = executables.get(pkg);
  if (out) return out;
  out = [];
  for (const f of pkg.files) {
    if (!f.binary && f.text !== undefined) continue;
    const kind = executableMagic(f.head);
    const base = f.path.slice(f.path.lastIndexOf('/') + 1);
    if (kind && base.length >= 3) out.push({ path: f.path, base, kind });
  }
  executables.set(pkg, out);
  return out;
}

/** String pieces of an expression: literals, template parts, `path.join(...)` arguments, variables bound once. */
function collectStrings(node: Node | null | undefined, bindings: ReadonlyMap<string, Node | null>, out: string[], depth: number): void {
  if (!node || depth > MAX_DEPTH || out.length > 64) return;
  switch (node.type) {
    case 'StringLiteral':
      out.push(node.value);
      return;
    case 'TemplateLiteral':
      for (const q of node.quasis) if (q.value.cooked) out.push(q.value.cooked);
      for (const e of node.expressions) collectStrings(e as Node, bindings, out, depth + 1);
      return;
    case 'BinaryExpression':
      collectStrings(node.left as Node, bindings, out, depth + 1);
      collectStrings(node.right, bindings, out, depth + 1);
      return;
    case 'CallExpression':
      for (const a of node.arguments) collectStrings(a as Node, bindings, out, depth + 1);
      return;
    case 'ArrayExpression':
      for (const e of node.elements) collectStrings(e as Node | null, bindings, out, depth + 1);
      return;
    case 'Identifier':
      collectStrings(bindings.get(node.name), bindings, out, depth + 1);
      return;
    default:
      return;
  }
}

export default rule;
