/**
 * A small import-graph walk for the architecture test: reads every TypeScript file under a root, resolves its
 * relative imports, and folds files into "parts" (a module folder such as `modules/listings`, a top folder such
 * as `lib` or `search`, or a file at the root such as `app.ts`). Test files are left out: a test may reach
 * across parts, the runtime code may not.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

export interface ImportEdge {
  /** The importing file and the file it resolves to, both absolute. */
  from: string;
  to: string;
  /** `import type` / `export type`: erased at run time. */
  typeOnly: boolean;
}

const IMPORT =
  /(?:^|[\s;])(?:import|export)\s+(type\s+)?(?:[\w*\s{},$]*?\s+from\s+)?['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;

/** Every `.ts` file under `root` except declaration files, and except tests unless asked for. */
export function sourceFiles(root: string, withTests = false): string[] {
  const out: string[] = [];
  for (const name of readdirSync(root)) {
    const full = path.join(root, name);
    if (name === 'node_modules' || name === 'dist') continue;
    if (statSync(full).isDirectory()) out.push(...sourceFiles(full, withTests));
    else if (name.endsWith('.ts') && !name.endsWith('.d.ts') && (withTests || !name.endsWith('.test.ts')))
      out.push(full);
  }
  return out;
}

/** The imports written in one file (comments are stripped first, so an example in a comment does not count). */
export function importsOf(file: string): { specifier: string; typeOnly: boolean }[] {
  const text = readFileSync(file, 'utf8')
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/(^|[^:'"`])\/\/.*$/gm, '$1');
  const found: { specifier: string; typeOnly: boolean }[] = [];
  for (const m of text.matchAll(IMPORT)) {
    const specifier = m[2] ?? m[3];
    if (specifier) found.push({ specifier, typeOnly: Boolean(m[1]) });
  }
  return found;
}

/** A relative specifier as the file it names (`./x.js` is `./x.ts` in the sources), or undefined for a package. */
export function resolveImport(from: string, specifier: string): string | undefined {
  if (!specifier.startsWith('.')) return undefined;
  const target = path.resolve(path.dirname(from), specifier);
  return target.replace(/\.js$/, '.ts');
}

/** The relative imports of every source file under `root` (tests too when asked for). */
export function importEdges(root: string, withTests = false): ImportEdge[] {
  return sourceFiles(root, withTests).flatMap((from) =>
    importsOf(from).flatMap(({ specifier, typeOnly }) => {
      const to = resolveImport(from, specifier);
      return to ? [{ from, to, typeOnly }] : [];
    }),
  );
}

/**
 * The part a file belongs to: `modules/<name>` for a module, `<folder>/port` for a folder's `port.ts`, the first
 * folder otherwise (`lib`, `search`, `db`…), or the file itself at the root (`app.ts`). Undefined outside `root`.
 */
export function partOf(root: string, file: string): string | undefined {
  const rel = path.relative(root, file);
  if (rel.startsWith('..') || path.isAbsolute(rel)) return undefined;
  const [first, second] = rel.split(path.sep);
  if (!second) return first;
  // A port (the interface a layer offers) stands apart from the adapters behind it.
  if (second === 'port.ts') return `${first}/port`;
  if (first === 'modules') return `modules/${second}`;
  return first;
}

/** The part-level graph: for each part, the parts it imports (type-only imports included). */
export function partGraph(root: string, edges = importEdges(root)): Map<string, Set<string>> {
  const graph = new Map<string, Set<string>>();
  for (const { from, to } of edges) {
    const a = partOf(root, from);
    const b = partOf(root, to);
    if (!a || !b || a === b) continue;
    if (!graph.has(a)) graph.set(a, new Set());
    graph.get(a)!.add(b);
  }
  return graph;
}

export interface Cycle {
  /** Every part of one strongly connected component: each reaches each other one. */
  parts: string[];
  /** One closed path through the first of them, e.g. `a → b → a`. */
  path: string[];
}

/** The cycles of the graph: its strongly connected components of two or more parts (Tarjan), in a stable order. */
export function cycles(graph: Map<string, Set<string>>): Cycle[] {
  let index = 0;
  const order = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const components: string[][] = [];
  const nodes = [...new Set([...graph.keys(), ...[...graph.values()].flatMap((s) => [...s])])].sort();
  const visit = (v: string) => {
    order.set(v, index);
    low.set(v, index++);
    stack.push(v);
    onStack.add(v);
    for (const w of [...(graph.get(v) ?? [])].sort()) {
      if (!order.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, order.get(w)!));
    }
    if (low.get(v) === order.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1) components.push(component.sort());
    }
  };
  for (const v of nodes) if (!order.has(v)) visit(v);
  return components
    .map((parts) => ({ parts, path: closedPath(graph, parts) }))
    .sort((a, b) => a.parts[0]!.localeCompare(b.parts[0]!));
}

/** A shortest path from the component's first part back to itself, staying inside the component. */
function closedPath(graph: Map<string, Set<string>>, component: string[]): string[] {
  const inside = new Set(component);
  const start = component[0]!;
  const previous = new Map<string, string>();
  const queue = [start];
  while (queue.length && !previous.has(start)) {
    const v = queue.shift()!;
    for (const w of [...(graph.get(v) ?? [])].sort()) {
      if (!inside.has(w) || previous.has(w)) continue;
      previous.set(w, v);
      queue.push(w);
    }
  }
  const back = [start];
  for (let v = previous.get(start)!; v !== start; v = previous.get(v)!) back.push(v);
  return [start, ...back.reverse()];
}
