import { describe, expect, it } from 'vitest';
import { fixtureById } from '../contract.fixtures.js';
import type { SearchDocument } from '../port.js';
import { EmbeddedSearchEngine } from './engine.js';
import { organizationKey } from './organizationTally.js';

const base = fixtureById('meal-elderly');

/** A search document carrying its listing, of organization `org` named `name`. */
function listed(id: string, org: string, name: string, verified = false): SearchDocument {
  return {
    ...base,
    id,
    organizationName: name,
    verified,
    listing: {
      id,
      side: base.side,
      kind: base.kind,
      title: base.title,
      description: base.description,
      domains: base.domains,
      district: base.district,
      status: 'open',
      ownerId: 'owner',
      organizationId: org,
      organizationName: name,
      verified,
      createdAt: new Date(base.createdAt).toISOString(),
      updatedAt: new Date(base.createdAt).toISOString(),
    },
  };
}

const carried = (engine: EmbeddedSearchEngine, org: string) => {
  const found = engine.organizationCarried(org);
  return found && Object.fromEntries(found);
};

describe("the index's tally of the organization names and badges its listings carry", () => {
  it('follows upserts, renames and deletes, and comes back from a snapshot as it was', async () => {
    const engine = new EmbeddedSearchEngine();
    await engine.ensureIndex();
    await engine.upsert([
      listed('a1', 'A', '甲社'),
      listed('a2', 'A', '甲社'),
      listed('b1', 'B', '乙社', true),
    ]);
    await engine.upsert([{ ...fixtureById('venue-pudong'), id: 'no-listing' }]);
    expect(carried(engine, 'A')).toEqual({ [organizationKey('甲社', false)]: 2 });
    expect(carried(engine, 'B')).toEqual({ [organizationKey('乙社', true)]: 1 });

    // Halfway through re-indexing a rename: both names are carried.
    await engine.upsert([listed('a1', 'A', '甲社新名')]);
    expect(carried(engine, 'A')).toEqual({
      [organizationKey('甲社', false)]: 1,
      [organizationKey('甲社新名', false)]: 1,
    });
    await engine.upsert([listed('a2', 'A', '甲社新名', true)]);
    await engine.delete(['b1', 'never-indexed']);
    expect(carried(engine, 'A')).toEqual({
      [organizationKey('甲社新名', false)]: 1,
      [organizationKey('甲社新名', true)]: 1,
    });
    expect(engine.organizationCarried('B')).toBeUndefined();

    const restored = new EmbeddedSearchEngine();
    await restored.ensureIndex();
    restored.restore(engine.snapshot({}));
    expect(carried(restored, 'A')).toEqual(carried(engine, 'A'));
    await restored.delete(['a1', 'a2']);
    expect(restored.organizationCarried('A')).toBeUndefined();
  });

  it('is built anew by a rebuild', async () => {
    const engine = new EmbeddedSearchEngine();
    await engine.ensureIndex();
    await engine.upsert([listed('a1', 'A', '甲社')]);
    async function* source() {
      yield [listed('c1', 'C', '丙社'), listed('c2', 'C', '丙社')];
    }
    await engine.rebuild(source());
    expect(engine.organizationCarried('A')).toBeUndefined();
    expect(carried(engine, 'C')).toEqual({ [organizationKey('丙社', false)]: 2 });
  });
});
