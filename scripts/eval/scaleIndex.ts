/**
 * An embedded search index holding the open listings of the seeded generator (`count` listings generated, about
 * 70% open) and the given hand-written listings, as the evaluations at scale need it.
 */
import { listingSchema, type Listing } from '@app/shared';
import { EmbeddedSearchEngine } from '../../server/src/search/embedded/engine.js';
import { toSearchDocument } from '../../server/src/search/listingDocument.js';
import { countsForListings, generateDataset } from '../../server/src/seed/generate/generate.js';

/** A generated listing as the API would present it. */
function presented(key: string, ownerKey: string, body: object, status: string, createdAt: string): Listing {
  return listingSchema.parse({
    ...body,
    id: key,
    status,
    ownerId: ownerKey,
    verified: false,
    createdAt,
    updatedAt: createdAt,
  });
}

export interface ScaleIndex {
  engine: EmbeddedSearchEngine;
  /** The open generated listings indexed (the hand-written ones come on top). */
  generated: Listing[];
  indexed: number;
  indexMs: number;
}

/** Generates `count` listings (seed 42) and indexes the open ones with `extra`; 0 indexes `extra` alone. */
export async function scaleIndex(
  count: number,
  extra: readonly Listing[],
  name: string,
): Promise<ScaleIndex> {
  const started = performance.now();
  const generated =
    count > 0
      ? generateDataset({ seed: 42, ...countsForListings(count) })
          .listings.filter((g) => g.status === 'open')
          .map((g) => presented(g.key, g.ownerKey, g.body, g.status, g.createdAt))
      : [];
  const engine = new EmbeddedSearchEngine(name);
  await engine.ensureIndex();
  const all = [...generated, ...extra];
  for (let i = 0; i < all.length; i += 5000)
    await engine.upsert(all.slice(i, i + 5000).map(toSearchDocument), { wait: false });
  return { engine, generated, indexed: all.length, indexMs: performance.now() - started };
}
