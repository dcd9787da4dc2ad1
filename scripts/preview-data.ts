/**
 * Prints a few generated records and how long generation took, to eyeball the data:
 * `npx tsx scripts/preview-data.ts --listings 100000 --seed 7 --show 5` (add `--demo` for the demo dataset).
 */
import { parseArgs } from 'node:util';
import { demoDataset } from '../server/src/seed/generate/demo.js';
import { countsForListings, generateDataset } from '../server/src/seed/generate/generate.js';

const { values } = parseArgs({
  options: {
    listings: { type: 'string', default: '1000' },
    seed: { type: 'string', default: 'preview' },
    show: { type: 'string', default: '5' },
    demo: { type: 'boolean', default: false },
  },
});
const show = Number(values.show);
const started = performance.now();
const data = values.demo
  ? demoDataset()
  : generateDataset({ seed: values.seed, ...countsForListings(Number(values.listings)) });
const ms = Math.round(performance.now() - started);
for (const o of data.organizations.slice(0, show)) console.log(JSON.stringify(o));
for (const l of data.listings.slice(0, show)) console.log(JSON.stringify(l));
console.log(
  `${data.users.length} users, ${data.organizations.length} organizations, ${data.listings.length} listings in ${ms} ms`,
);
