import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { importsOf, partGraph } from './importGraph.js';
import { architectureViolations } from './rules.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '../../..');
const fixture = path.join(here, 'fixtures/tangled');

describe('the server’s import graph', () => {
  it('has no cycle between folders, no upward import and no import of scripts/', () => {
    const found = architectureViolations(path.join(repo, 'server/src'), path.join(repo, 'scripts'), [
      path.join(repo, 'shared/src'),
    ]);
    expect(found.cycles.map((c) => c.path.join(' → '))).toEqual([]);
    expect(found.upward).toEqual([]);
    expect(found.scriptImports).toEqual([]);
  });

  it('sees the parts it is meant to judge', () => {
    const graph = partGraph(path.join(repo, 'server/src'));
    // A walk that reads nothing passes trivially: make sure it sees the known arrows.
    expect([...(graph.get('modules/listings') ?? [])]).toContain('lib');
    expect([...(graph.get('search') ?? [])]).toContain('modules/listings');
    expect([...(graph.get('server.ts') ?? [])]).toContain('search');
  });
});

describe('the rules, on a deliberately tangled fixture', () => {
  const found = architectureViolations(path.join(fixture, 'src'), path.join(fixture, 'scripts'));

  it('finds the cycle between listings and search', () => {
    expect(found.cycles).toEqual([
      {
        parts: ['modules/listings', 'search'],
        path: ['modules/listings', 'search', 'modules/listings'],
      },
    ]);
  });

  it('finds a module using a search adapter at run time, but lets it import the port’s types', () => {
    expect(found.upward).toEqual([
      'modules/listings/service.ts → search/indexer.ts (a module imports only types of a port from search)',
      'modules/matching/service.ts → search/indexer.ts (a module imports only types of a port from search)',
    ]);
  });

  it('finds runtime code importing a script', () => {
    expect(found.scriptImports).toEqual(['src/lib/seed.ts imports scripts/generate.ts']);
  });

  it('reads imports, not comments or strings that look like them', () => {
    const imports = importsOf(path.join(fixture, 'src/modules/matching/service.ts'));
    expect(imports).toEqual([
      { specifier: '../../search/port.js', typeOnly: true },
      { specifier: '../../search/indexer.js', typeOnly: false },
    ]);
  });
});
