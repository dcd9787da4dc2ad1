/**
 * `npm run migrate -- --to <mongodb-uri>`: copies every collection, with its indexes, of the embedded database in
 * DATA_DIR (server stopped) into the empty MongoDB database the URI names. Then point MONGODB_URI at it and
 * rebuild the search index (`npm run reindex`): docs/deployment.md, "Moving to MongoDB".
 */
import { parseArgs } from 'node:util';
import { OpsError } from '../server/src/ops/errors.js';
import { migrateToMongo } from '../server/src/ops/migrate.js';
import { opsConfig, runOps } from './lib/opsCli.js';

await runOps(async () => {
  const { values } = parseArgs({ options: { to: { type: 'string' } } });
  if (!values.to) throw new OpsError('usage: npm run migrate -- --to <mongodb-uri with the database name>');
  const { dataDir } = opsConfig();
  let shown = '';
  const report = await migrateToMongo(dataDir, values.to, (collection, copied, total) => {
    const line = `  ${collection}: ${copied}/${total}`;
    if (process.stdout.isTTY) process.stdout.write(`\r${line.padEnd(shown.length)}`);
    shown = line;
  });
  if (process.stdout.isTTY) process.stdout.write('\r');
  for (const c of report.collections) {
    console.log(`  ${c.name}: ${c.documents} documents, indexes ${c.indexes.join(', ')}`);
  }
  const documents = report.collections.reduce((n, c) => n + c.documents, 0);
  console.log(
    `copied ${documents} documents in ${report.collections.length} collections from ${dataDir} to the database ` +
      `"${report.database}". Next: set MONGODB_URI to that URI, start the servers, run npm run reindex`,
  );
});
