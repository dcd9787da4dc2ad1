import { describe, expect, it } from 'vitest';
import { listingIndexSettings } from '../settings.js';
import { meiliSettings } from './engine.js';

describe('Meilisearch index settings', () => {
  const settings = meiliSettings(listingIndexSettings);

  it('searches the fields in rank order, title first, then description, then the segmented words', () => {
    expect(settings.searchableAttributes).toEqual([
      'title',
      'labels',
      'places',
      'organizationName',
      'description',
      'segments',
    ]);
  });

  it('can filter, facet and sort on what the port offers', () => {
    expect(settings.filterableAttributes).toEqual(
      expect.arrayContaining([
        'side',
        'kind',
        'subkind',
        'domains',
        'district',
        'street',
        'status',
        'verified',
        '_geo',
      ]),
    );
    expect(settings.sortableAttributes).toEqual(expect.arrayContaining(['createdAt', 'amountSort', '_geo']));
    expect(settings.rankingRules?.[0]).toBe('sort');
  });

  it('makes every synonym group work in every direction', () => {
    const synonyms = settings.synonyms!;
    expect(synonyms['残疾人']).toEqual(expect.arrayContaining(['残障人士', '助残']));
    expect(synonyms['残障人士']).toEqual(expect.arrayContaining(['残疾人']));
    expect(synonyms['老人']).not.toContain('老人');
    for (const group of listingIndexSettings.synonyms) {
      for (const word of group) expect(new Set([word, ...synonyms[word]!])).toEqual(new Set(group));
    }
  });

  it('shares the stop words of the embedded adapter', () => {
    expect(settings.stopWords).toEqual([...listingIndexSettings.stopWords]);
  });
});
