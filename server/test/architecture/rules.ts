/**
 * The module-dependency rules of the server (docs/architecture.md), checked over the import graph:
 * 1. no cycle between parts (`modules/<name>`, `lib`, `search`, `realtime`, `db`, `config`, `seed`, root files);
 * 2. `lib` is the floor: it imports nothing else of the server;
 * 3. a module reaches `search/` or `realtime/` only for types of a port (`import type … from 'search/port.js'`):
 *    search, realtime and notifications come to modules as subscribers of domain events, never the other way;
 * 4. runtime code (`server/src`, `shared/src`, tests included) never imports `scripts/`: scripts may use the server.
 */
import path from 'node:path';
import { cycles, importEdges, partGraph, partOf, type Cycle, type ImportEdge } from './importGraph.js';

export interface Violations {
  cycles: Cycle[];
  /** "from → to" for each import that breaks rules 2 and 3. */
  upward: string[];
  /** "file imports specifier" for each import of the scripts folder. */
  scriptImports: string[];
}

const ADAPTER_LAYERS = new Set(['search', 'realtime']);

/** Every rule broken under `serverSrc` (and, for rule 4, under `others`), with `scripts` the folder not to import. */
export function architectureViolations(
  serverSrc: string,
  scripts: string,
  others: readonly string[] = [],
): Violations {
  const edges = importEdges(serverSrc);
  const rel = (file: string) => path.relative(serverSrc, file);
  const upward: string[] = [];
  for (const edge of edges) {
    const from = partOf(serverSrc, edge.from);
    const to = partOf(serverSrc, edge.to);
    if (!from || !to || from === to) continue;
    if (from === 'lib') upward.push(`${rel(edge.from)} → ${rel(edge.to)} (lib imports nothing above it)`);
    if (from.startsWith('modules/') && ADAPTER_LAYERS.has(to.split('/')[0]!) && !isPortType(edge, to))
      upward.push(`${rel(edge.from)} → ${rel(edge.to)} (a module imports only types of a port from ${to})`);
  }
  const scriptImports = [serverSrc, ...others].flatMap((root) =>
    importEdges(root, true)
      .filter(({ to }) => !path.relative(scripts, to).startsWith('..'))
      .map(
        ({ from, to }) =>
          `${path.relative(path.dirname(scripts), from)} imports ${path.relative(path.dirname(scripts), to)}`,
      ),
  );
  return { cycles: cycles(partGraph(serverSrc, edges)), upward, scriptImports };
}

const isPortType = (edge: ImportEdge, part: string) => edge.typeOnly && part.endsWith('/port');
