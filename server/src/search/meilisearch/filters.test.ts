import { describe, expect, it } from 'vitest';
import { buildFilter, quote } from './filters.js';

describe('Meilisearch filter building', () => {
  it('ORs the values of one filter and ANDs different filters', () => {
    expect(buildFilter({ kind: ['venue', 'funding'], district: ['310104'], side: 'offer' })).toEqual([
      ['side = "offer"'],
      ['kind = "venue"', 'kind = "funding"'],
      ['district = "310104"'],
    ]);
  });

  it('maps the domain filter to the domains attribute, and booleans and radius to their syntax', () => {
    expect(
      buildFilter({ domain: ['elderly'], verified: true }, { lat: 31.2, lng: 121.4, radiusKm: 2.5 }),
    ).toEqual([['domains = "elderly"'], 'verified = true', '_geoRadius(31.2, 121.4, 2500)']);
  });

  it('is undefined when nothing narrows the search', () => {
    expect(buildFilter()).toBeUndefined();
    expect(buildFilter({ kind: [], domain: [] }, { lat: 31, lng: 121 })).toBeUndefined();
  });

  it('quotes and escapes values so they cannot become filter syntax', () => {
    expect(quote('a"b')).toBe('"a\\"b"');
    expect(quote('a\\" OR status = "closed')).toBe('"a\\\\\\" OR status = \\"closed"');
    const hostile = 'x" OR side = "need';
    const [clause] = buildFilter({ district: [hostile] })! as string[][];
    expect(clause).toEqual([`district = "x\\" OR side = \\"need"`]);
  });

  it('refuses a radius that is not a finite number', () => {
    expect(() => buildFilter({}, { lat: NaN, lng: 121, radiusKm: 1 })).toThrow(/finite/);
    expect(() => buildFilter({}, { lat: 31, lng: 121, radiusKm: Infinity })).toThrow(/finite/);
  });
});
