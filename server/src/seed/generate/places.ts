/** Where generated people and organizations are: districts weighted by who lives and works there. */
import { districts, type District, type LatLng, type Street } from '@app/shared';
import { Random, WeightedTable } from './random.js';

/** Resident population in millions (2020 census, rounded): residents and their needs follow it. */
const POPULATION: Readonly<Record<string, number>> = {
  '310101': 0.66, // 黄浦
  '310104': 1.11, // 徐汇
  '310105': 0.69, // 长宁
  '310106': 0.98, // 静安
  '310107': 1.24, // 普陀
  '310109': 0.76, // 虹口
  '310110': 1.24, // 杨浦
  '310112': 2.65, // 闵行
  '310113': 2.23, // 宝山
  '310114': 1.83, // 嘉定
  '310115': 5.68, // 浦东
  '310116': 0.82, // 金山
  '310117': 1.91, // 松江
  '310118': 1.27, // 青浦
  '310120': 1.14, // 奉贤
  '310151': 0.64, // 崇明
};

/** The central districts, where social organizations and company offices are denser than people. */
const CENTRAL = new Set(['310101', '310104', '310105', '310106', '310107', '310109', '310110']);
const BUSINESS: Readonly<Record<string, number>> = {
  '310115': 5,
  '310101': 3,
  '310106': 3,
  '310104': 2.5,
  '310105': 2,
  '310112': 2,
};

export type DistrictMix = 'population' | 'organizations' | 'business';

const WEIGHT: Record<DistrictMix, (d: District) => number> = {
  population: (d) => POPULATION[d.code] ?? 1,
  organizations: (d) => (POPULATION[d.code] ?? 1) + (CENTRAL.has(d.code) ? 0.8 : 0),
  business: (d) => BUSINESS[d.code] ?? 0.7,
};
/** One table per mix and restriction, built on first use. */
const districtTables = new Map<string, WeightedTable<District>>();

/** Streets of each district, parks and farms (few people live there) weighted down. */
const streetTables = new Map<string, WeightedTable<Street>>(
  districts.items.map((d) => [
    d.code,
    new WeightedTable(d.streets.map((s) => [s, s.type === 'special-area' ? 0.15 : 1] as const)),
  ]),
);

/** A district drawn by the mix that fits who is there; `only` limits the draw to some district codes. */
export function drawDistrict(r: Random, mix: DistrictMix, only?: readonly string[]): District {
  const id = only ? `${mix}:${only.join(',')}` : mix;
  let table = districtTables.get(id);
  if (!table) {
    const items = only ? districts.items.filter((d) => only.includes(d.code)) : districts.items;
    if (items.length === 0) throw new Error(`no known district among: ${only?.join(', ')}`);
    table = new WeightedTable(items.map((d) => [d, WEIGHT[mix](d)] as const));
    districtTables.set(id, table);
  }
  return table.pick(r);
}

/** A street or town of the district. */
export function drawStreet(r: Random, district: District): Street {
  return streetTables.get(district.code)!.pick(r);
}

/** The district centre moved by a small normal jitter (about 1.5 km), rounded to 6 decimals. */
export function nearCentre(r: Random, district: District): LatLng {
  const round = (x: number) => Math.round(x * 1e6) / 1e6;
  return {
    lat: round(district.centre.lat + r.normal(0, 0.012)),
    lng: round(district.centre.lng + r.normal(0, 0.014)),
  };
}
