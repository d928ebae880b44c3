/**
 * Derives dev / optional / peer / direct flags from a resolved dependency graph, for formats that
 * do not record them (yarn, bun, npm v1). npm's own definitions:
 * - dev: not reachable from any workspace's production, optional or peer dependencies;
 * - optional: every path from a root goes through at least one optional edge;
 * - peer: reachable only through peer edges.
 */

export type EdgeType = 'prod' | 'dev' | 'optional' | 'peer';

export interface GraphNode {
  /** Ids of the nodes this one depends on, with the edge type as the package declared it. */
  edges: { target: number; type: EdgeType }[];
}

export interface GraphRoot {
  target: number;
  type: EdgeType;
  workspace: string;
}

export interface DerivedFlags {
  dev: boolean;
  optional: boolean;
  peer: boolean;
  direct: boolean;
  workspaces: string[];
}

export function deriveFlags(nodes: GraphNode[], roots: GraphRoot[]): DerivedFlags[] {
  const flags = nodes.map((): DerivedFlags => ({ dev: true, optional: true, peer: true, direct: false, workspaces: [] }));
  for (const root of roots) {
    const f = flags[root.target];
    if (!f) continue;
    f.direct = true;
    if (!f.workspaces.includes(root.workspace)) f.workspaces.push(root.workspace);
  }
  // Each pass clears a flag where some path proves it false; three independent BFS walks keep
  // the whole thing linear in edges.
  walk(nodes, roots.filter((r) => r.type !== 'dev').map((r) => r.target), () => true, (i) => { flags[i]!.dev = false; });
  walk(nodes, roots.filter((r) => r.type !== 'optional').map((r) => r.target), (t) => t !== 'optional', (i) => { flags[i]!.optional = false; });
  walk(nodes, roots.filter((r) => r.type !== 'peer').map((r) => r.target), (t) => t !== 'peer', (i) => { flags[i]!.peer = false; });
  // A node no root reaches at all is an orphan: call it neither dev nor optional nor peer.
  const reached = new Uint8Array(nodes.length);
  walk(nodes, roots.map((r) => r.target), () => true, (i) => { reached[i] = 1; });
  for (let i = 0; i < flags.length; i++) {
    if (!reached[i]) Object.assign(flags[i]!, { dev: false, optional: false, peer: false });
  }
  return flags;
}

function walk(nodes: GraphNode[], starts: number[], follow: (type: EdgeType) => boolean, visit: (index: number) => void): void {
  const seen = new Uint8Array(nodes.length);
  const queue: number[] = [];
  for (const s of starts) {
    if (s >= 0 && s < nodes.length && !seen[s]) {
      seen[s] = 1;
      queue.push(s);
    }
  }
  for (let head = 0; head < queue.length; head++) {
    const i = queue[head]!;
    visit(i);
    for (const edge of nodes[i]!.edges) {
      if (!seen[edge.target] && follow(edge.type)) {
        seen[edge.target] = 1;
        queue.push(edge.target);
      }
    }
  }
}
